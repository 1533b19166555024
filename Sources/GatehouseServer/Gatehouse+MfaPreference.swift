import AWSWire
import CognitoModel
import GatehouseCore

extension Gatehouse {
    /// Turns a user's MFA factors on or off and sets the preferred one, as SetUserMFAPreference and
    /// AdminSetUserMFAPreference do; a factor the call leaves out stays as it is.
    /// - Throws: `InvalidParameterException` for a software token never verified, or a factor
    ///   made preferred and turned off at once.
    func setMfaPreference(sms: SMSMfaSettingsType?, softwareToken: SoftwareTokenMfaSettingsType?, email: EmailMfaSettingsType?,
                          userNamed name: String, in pool: UserPoolType) async throws {
        let settings: [(ChallengeNameType, Bool?, Bool?)] = [
            (.smsMfa, sms?.enabled, sms?.preferredMfa),
            (.softwareTokenMfa, softwareToken?.enabled, softwareToken?.preferredMfa),
            (.emailOtp, email?.enabled, email?.preferredMfa),
        ]
        try await updateUser(named: name, in: pool) { user, _ in
            for (factor, enabled, preferred) in settings {
                if preferred == true, enabled == false {
                    throw AWSServiceError.invalidParameterException("\(factor.rawValue) cannot be preferred and disabled.")
                }
                if factor == .softwareTokenMfa, enabled == true, user.mfa.softwareToken == nil {
                    throw AWSServiceError.invalidParameterException("User has not verified software token mfa")
                }
                if let enabled { user.mfa.set(factor, enabled: enabled) }
                if preferred == true {
                    user.mfa.set(factor, enabled: true)
                    user.mfa.preferred = factor
                } else if preferred == false, user.mfa.preferred == factor {
                    user.mfa.preferred = nil
                }
            }
        }
    }

    /// The user's UserMFASettingList (legacy SMS MFAOptions count as SMS_MFA) and
    /// PreferredMfaSetting, each `nil` when empty: Cognito leaves the keys out then.
    static func mfaSettings(of user: StoredUser) -> (list: [String]?, preferred: String?) {
        var factors = Set(user.mfa.enabled)
        if !user.mfaOptions.isEmpty { factors.insert(.smsMfa) }
        let list = UserMfaSettings.factors.filter(factors.contains).map(\.rawValue)
        return (list.isEmpty ? nil : list, user.mfa.preferred?.rawValue)
    }
}
