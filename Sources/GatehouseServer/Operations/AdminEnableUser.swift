import CognitoModel

extension Gatehouse {
    /// Enables a disabled user.
    func adminEnableUser(_ input: AdminEnableUserRequest, context: CallContext) async throws -> AdminEnableUserResponse {
        let pool = try await userPool(try input.userPoolId.required, context: context)
        try await updateUser(named: try input.username.required, in: pool) { user, _ in user.enabled = true }
        return AdminEnableUserResponse()
    }
}
