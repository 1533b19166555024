import CognitoModel

extension TokensFeature {
    /// Signs a user out everywhere, as GlobalSignOut does, by name.
    func adminUserGlobalSignOut(_ input: AdminUserGlobalSignOutRequest, context: CallContext) async throws -> AdminUserGlobalSignOutResponse {
        let pool = try await directory.pool(try input.userPoolId.required, context: context)
        let now = clock.now()
        try await users.update(named: try input.username.required, in: pool) { user, _ in user.signOutEverywhere(now: now) }
        return AdminUserGlobalSignOutResponse()
    }
}
