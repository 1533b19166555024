import AWSWire
import CognitoModel
import GatehouseCore

extension Gatehouse {
    /// The signed-in user removes attributes its app client may write; one it does not have is no error.
    func deleteUserAttributes(_ input: DeleteUserAttributesRequest, context: CallContext) async throws -> DeleteUserAttributesResponse {
        let (claims, pool, record, _) = try await accessTokenUser(try input.accessToken.required)
        let names = try input.userAttributeNames.required
        try Self.checkWritable(names.map { AttributeType(name: $0) }, by: try await tokenClient(claims, pool: pool, context: context))
        try UserAttributeRules(pool: pool).deleting(names)
        try await updateUser(named: record.key, in: pool) { user, _ in
            for name in names { user.removeAttribute(name) }
        }
        return DeleteUserAttributesResponse()
    }
}
