import CognitoModel

extension TokensFeature {
    /// Signs the access token's user out everywhere: every token of every earlier sign-in stops working.
    func globalSignOut(_ input: GlobalSignOutRequest, context: CallContext) async throws -> GlobalSignOutResponse {
        let caller = try await accessTokens.caller(try input.accessToken.required)
        let now = clock.now()
        try await users.update(named: caller.record.key, in: caller.pool) { user, _ in user.signOutEverywhere(now: now) }
        return GlobalSignOutResponse()
    }
}
