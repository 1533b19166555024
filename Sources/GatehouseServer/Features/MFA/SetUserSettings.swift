import CognitoModel

extension MFAFeature {
    /// Keeps the signed-in user's legacy MFA options (SMS), which GetUser shows.
    func setUserSettings(_ input: SetUserSettingsRequest, context: CallContext) async throws -> SetUserSettingsResponse {
        let caller = try await accessTokens.caller(try input.accessToken.required)
        let options = try input.mfaOptions.required
        try await users.update(named: caller.record.key, in: caller.pool) { user, _ in user.mfaOptions = options }
        return SetUserSettingsResponse()
    }
}
