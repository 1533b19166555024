import AWSWire
import CognitoModel
import GatehouseCore

extension UsersFeature {
    /// The signed-in user removes attributes its app client may write; one it does not have is no error.
    func deleteUserAttributes(_ input: DeleteUserAttributesRequest, context: CallContext) async throws -> DeleteUserAttributesResponse {
        let caller = try await accessTokens.caller(try input.accessToken.required)
        let names = try input.userAttributeNames.required
        try ClientAttributeAccess.checkWritable(names.map { AttributeType(name: $0) }, by: try await accessTokens.client(of: caller).settings)
        try caller.pool.attributes.deleting(names)
        try await users.update(named: caller.record.key, in: caller.pool) { user, _ in
            for name in names { user.removeAttribute(name) }
        }
        return DeleteUserAttributesResponse()
    }
}
