import AWSWire
import CognitoModel
import GatehouseCore

extension Gatehouse {
    /// The signed-in user turns MFA factors on or off and picks the preferred one.
    func setUserMFAPreference(_ input: SetUserMFAPreferenceRequest, context: CallContext) async throws -> SetUserMFAPreferenceResponse {
        let (_, pool, record, _) = try await accessTokenUser(try input.accessToken.required)
        try await setMfaPreference(sms: input.smsMfaSettings, softwareToken: input.softwareTokenMfaSettings, email: input.emailMfaSettings,
                                   userNamed: record.key, in: pool)
        return SetUserMFAPreferenceResponse()
    }
}
