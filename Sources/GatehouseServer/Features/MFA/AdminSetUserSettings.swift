import CognitoModel

extension MFAFeature {
    /// Keeps a user's legacy MFA options (SMS), as SetUserSettings does for the signed-in user.
    func adminSetUserSettings(_ input: AdminSetUserSettingsRequest, context: CallContext) async throws -> AdminSetUserSettingsResponse {
        let pool = try await directory.pool(try input.userPoolId.required, context: context)
        let options = try input.mfaOptions.required
        try await users.update(named: try input.username.required, in: pool) { user, _ in user.mfaOptions = options }
        return AdminSetUserSettingsResponse()
    }
}
