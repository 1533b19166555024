import CognitoModel
import GatehouseCore

/// What a pool offers for MFA at sign-in: its MfaConfiguration and the factors it can challenge
/// with (SMS_MFA with an SmsConfiguration, SOFTWARE_TOKEN_MFA when turned on, EMAIL_OTP with an
/// EmailMfaConfiguration).
struct PoolMfa: Sendable {
    let configuration: UserPoolMfaType
    let offered: [ChallengeNameType]
    let emailMfa: EmailMfaConfigType?

    static let off = PoolMfa(configuration: .off, offered: [], emailMfa: nil)

    init(configuration: UserPoolMfaType, offered: [ChallengeNameType], emailMfa: EmailMfaConfigType?) {
        self.configuration = configuration
        self.offered = offered
        self.emailMfa = emailMfa
    }

    init(_ stored: StoredUserPool) {
        let pool = stored.pool
        var offered: [ChallengeNameType] = []
        if pool.smsConfiguration != nil { offered.append(.smsMfa) }
        if stored.softwareTokenMfaEnabled { offered.append(.softwareTokenMfa) }
        if stored.emailMfaConfiguration != nil { offered.append(.emailOtp) }
        self.init(configuration: pool.mfaConfiguration ?? .off, offered: offered, emailMfa: stored.emailMfaConfiguration)
    }

    /// What the sign-in machine needs of `user`: the factors it turned on that the pool offers and
    /// it can receive (a phone number for SMS, an email address for email, a verified token), and
    /// those it could be challenged with without turning any on.
    func facts(for user: StoredUser) -> SignInMachine.Facts {
        func usable(_ factor: ChallengeNameType) -> Bool {
            guard offered.contains(factor) else { return false }
            switch factor {
            case .smsMfa: return user.attribute("phone_number") != nil
            case .emailOtp: return user.attribute("email") != nil
            default: return user.mfa.softwareToken != nil
            }
        }
        var turnedOn = Set(user.mfa.enabled)
        if !user.mfaOptions.isEmpty { turnedOn.insert(.smsMfa) }
        return SignInMachine.Facts(
            status: user.status, mfaConfiguration: configuration,
            userFactors: UserMfaSettings.factors.filter { turnedOn.contains($0) && usable($0) }, preferred: user.mfa.preferred,
            reachableFactors: [ChallengeNameType.smsMfa, .emailOtp].filter(usable))
    }
}
