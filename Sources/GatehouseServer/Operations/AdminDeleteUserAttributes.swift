import CognitoModel
import GatehouseCore

extension Gatehouse {
    /// Removes attributes from a user; one it does not have is no error.
    func adminDeleteUserAttributes(_ input: AdminDeleteUserAttributesRequest,
                                   context: CallContext) async throws -> AdminDeleteUserAttributesResponse {
        let pool = try await userPool(try input.userPoolId.required, context: context)
        let names = try input.userAttributeNames.required
        try UserAttributeRules(pool: pool).deleting(names)
        try await updateUser(named: try input.username.required, in: pool) { user, _ in
            for name in names { user.removeAttribute(name) }
        }
        return AdminDeleteUserAttributesResponse()
    }
}
