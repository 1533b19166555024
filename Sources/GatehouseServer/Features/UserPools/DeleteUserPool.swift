import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

extension UserPoolsFeature {
    /// Deletes the pool unless its DeletionProtection is ACTIVE, checked atomically with the delete,
    /// or it has a domain (checked before; a domain created meanwhile is deleted with the pool).
    func deleteUserPool(_ input: DeleteUserPoolRequest, context: CallContext) async throws -> EmptyOutput {
        let id = try input.userPoolId.required
        try directory.checkRegion(of: id, context: context)
        if try await domains.hasDomain(id) {
            throw AWSServiceError.invalidParameterException("User pool cannot be deleted. It has a domain configured that should be deleted first.")
        }
        do {
            try await storage.deleteUserPool(id: id) { record in
                if try directory.entry(record).stored.pool.deletionProtection == .active {
                    throw AWSServiceError.invalidParameterException(
                        "The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.")
                }
            }
        } catch StorageError.notFound {
            throw UserPoolDirectory.poolNotFound(id)
        }
        return EmptyOutput()
    }
}
