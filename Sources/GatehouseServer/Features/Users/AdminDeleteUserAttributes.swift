import CognitoModel
import GatehouseCore

extension UsersFeature {
    /// Removes attributes from a user; one it does not have is no error.
    func adminDeleteUserAttributes(_ input: AdminDeleteUserAttributesRequest,
                                   context: CallContext) async throws -> AdminDeleteUserAttributesResponse {
        let pool = try await directory.pool(try input.userPoolId.required, context: context)
        let names = try input.userAttributeNames.required
        try pool.attributes.deleting(names)
        try await users.update(named: try input.username.required, in: pool) { user, _ in
            for name in names { user.removeAttribute(name) }
        }
        return AdminDeleteUserAttributesResponse()
    }
}
