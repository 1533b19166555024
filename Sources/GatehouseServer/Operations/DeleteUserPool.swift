import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

extension Gatehouse {
    /// Deletes the pool unless its DeletionProtection is ACTIVE, checked atomically with the delete.
    func deleteUserPool(_ input: DeleteUserPoolRequest, context: CallContext) async throws -> EmptyOutput {
        let id = try input.userPoolId.required
        try checkRegion(of: id, context: context)
        do {
            try await storage.deleteUserPool(id: id) { record in
                if try pools.decoded(record).stored.pool.deletionProtection == .active {
                    throw AWSServiceError.invalidParameterException(
                        "The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.")
                }
            }
        } catch StorageError.notFound {
            throw Self.poolNotFound(id)
        }
        return EmptyOutput()
    }
}
