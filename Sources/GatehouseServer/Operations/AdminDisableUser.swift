import CognitoModel

extension Gatehouse {
    /// Disables a user: it can no longer sign in, and ListUsers' `status` filter sees "Disabled".
    func adminDisableUser(_ input: AdminDisableUserRequest, context: CallContext) async throws -> AdminDisableUserResponse {
        let pool = try await userPool(try input.userPoolId.required, context: context)
        try await updateUser(named: try input.username.required, in: pool) { user, _ in user.enabled = false }
        return AdminDisableUserResponse()
    }
}
