import CognitoModel

extension UsersFeature {
    /// Enables a disabled user.
    func adminEnableUser(_ input: AdminEnableUserRequest, context: CallContext) async throws -> AdminEnableUserResponse {
        let pool = try await directory.pool(try input.userPoolId.required, context: context)
        try await users.update(named: try input.username.required, in: pool) { user, _ in user.enabled = true }
        return AdminEnableUserResponse()
    }
}
