import AWSWire
import CognitoModel
import GatehouseCore

extension MFAFeature {
    /// Turns a user's MFA factors on or off and sets the preferred one, as SetUserMFAPreference and
    /// AdminSetUserMFAPreference do; a factor the call leaves out stays as it is.
    /// - Throws: what ``StoredUser/setMfaPreferences(_:)`` refuses: a factor the user cannot receive, or
    ///   one made preferred and turned off at once; `UserNotFoundException`.
    func setMfaPreference(sms: SMSMfaSettingsType?, softwareToken: SoftwareTokenMfaSettingsType?, email: EmailMfaSettingsType?,
                          userNamed name: String, in pool: UserPool) async throws {
        let settings = [
            UserMfaSettings.Preference(factor: .smsMfa, enabled: sms?.enabled, preferred: sms?.preferredMfa),
            UserMfaSettings.Preference(factor: .softwareTokenMfa, enabled: softwareToken?.enabled, preferred: softwareToken?.preferredMfa),
            UserMfaSettings.Preference(factor: .emailOtp, enabled: email?.enabled, preferred: email?.preferredMfa),
        ]
        try await users.update(named: name, in: pool) { user, _ in
            try user.setMfaPreferences(settings)
        }
    }
}
