import CognitoModel

extension UsersFeature {
    /// Disables a user: it can no longer sign in, and ListUsers' `status` filter sees "Disabled".
    func adminDisableUser(_ input: AdminDisableUserRequest, context: CallContext) async throws -> AdminDisableUserResponse {
        let pool = try await directory.pool(try input.userPoolId.required, context: context)
        try await users.update(named: try input.username.required, in: pool) { user, _ in user.enabled = false }
        return AdminDisableUserResponse()
    }
}
