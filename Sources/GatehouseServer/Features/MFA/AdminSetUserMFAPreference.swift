import CognitoModel

extension MFAFeature {
    /// Turns a user's MFA factors on or off and picks the preferred one.
    func adminSetUserMFAPreference(_ input: AdminSetUserMFAPreferenceRequest,
                                   context: CallContext) async throws -> AdminSetUserMFAPreferenceResponse {
        let pool = try await directory.pool(try input.userPoolId.required, context: context)
        try await setMfaPreference(sms: input.smsMfaSettings, softwareToken: input.softwareTokenMfaSettings, email: input.emailMfaSettings,
                                   userNamed: try input.username.required, in: pool)
        return AdminSetUserMFAPreferenceResponse()
    }
}
