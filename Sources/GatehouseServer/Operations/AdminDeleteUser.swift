import AWSWire
import CognitoModel
import GatehouseStorage

extension Gatehouse {
    /// Deletes a user with its indexed values.
    func adminDeleteUser(_ input: AdminDeleteUserRequest, context: CallContext) async throws -> EmptyOutput {
        let pool = try await userPool(try input.userPoolId.required, context: context)
        let record = try await userRecord(named: try input.username.required, in: pool)
        do {
            try await storage.deleteUser(userPoolID: record.userPoolID, key: record.key)
        } catch StorageError.notFound {
            throw Self.userNotFound
        }
        return EmptyOutput()
    }
}
