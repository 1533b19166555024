import AWSWire
import CognitoModel
import GatehouseStorage

extension UsersFeature {
    /// Deletes a user with its indexed values.
    func adminDeleteUser(_ input: AdminDeleteUserRequest, context: CallContext) async throws -> EmptyOutput {
        let pool = try await directory.pool(try input.userPoolId.required, context: context)
        let record = try await users.record(named: try input.username.required, in: pool)
        try await users.delete(record)
        return EmptyOutput()
    }
}
