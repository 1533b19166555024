import AWSWire
import CognitoModel
import GatehouseStorage

extension UsersFeature {
    /// The signed-in user deletes itself; its tokens stop working with it.
    func deleteUser(_ input: DeleteUserRequest, context: CallContext) async throws -> EmptyOutput {
        let caller = try await accessTokens.caller(try input.accessToken.required)
        try await users.delete(caller.record)
        return EmptyOutput()
    }
}
