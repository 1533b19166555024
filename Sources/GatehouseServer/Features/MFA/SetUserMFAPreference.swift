import CognitoModel

extension MFAFeature {
    /// The signed-in user turns MFA factors on or off and picks the preferred one.
    func setUserMFAPreference(_ input: SetUserMFAPreferenceRequest, context: CallContext) async throws -> SetUserMFAPreferenceResponse {
        let caller = try await accessTokens.caller(try input.accessToken.required)
        try await setMfaPreference(sms: input.smsMfaSettings, softwareToken: input.softwareTokenMfaSettings, email: input.emailMfaSettings,
                                   userNamed: caller.record.key, in: caller.pool)
        return SetUserMFAPreferenceResponse()
    }
}
