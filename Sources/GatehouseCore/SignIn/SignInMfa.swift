import CognitoModel

/// What a pool offers for MFA at sign-in: its MfaConfiguration and the factors it can challenge
/// with (SMS_MFA with an SmsConfiguration, SOFTWARE_TOKEN_MFA when turned on, EMAIL_OTP with an
/// EmailMfaConfiguration).
public struct SignInMfa: Sendable, Equatable {
    public let configuration: UserPoolMfaType
    /// The factors offered, in the order SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP.
    public let offered: [ChallengeNameType]
    public let emailMfa: EmailMfaConfigType?

    public init(configuration: UserPoolMfaType, offered: [ChallengeNameType], emailMfa: EmailMfaConfigType? = nil) {
        self.configuration = configuration
        self.offered = offered
        self.emailMfa = emailMfa
    }

    /// What the stored pool offers.
    public init(_ stored: StoredUserPool) {
        var offered: [ChallengeNameType] = []
        if stored.pool.smsConfiguration != nil { offered.append(.smsMfa) }
        if stored.softwareTokenMfaEnabled { offered.append(.softwareTokenMfa) }
        if stored.emailMfaConfiguration != nil { offered.append(.emailOtp) }
        self.init(configuration: stored.pool.mfaConfiguration ?? .off, offered: offered, emailMfa: stored.emailMfaConfiguration)
    }

    /// Whether the pool offers software tokens (AssociateSoftwareToken is refused otherwise).
    public var offersSoftwareTokens: Bool {
        offered.contains(.softwareTokenMfa)
    }

    /// What the sign-in machine needs of `user`: the factors it turned on that the pool offers and
    /// it can receive (a phone number for SMS, an email address for email, a verified token), and
    /// those it could be challenged with without turning any on. With MFA OFF no factor applies.
    public func facts(for user: StoredUser) -> SignInMachine.Facts {
        func usable(_ factor: ChallengeNameType) -> Bool {
            configuration != .off && offered.contains(factor) && user.canReceive(factor)
        }
        var turnedOn = Set(user.mfa.enabled)
        if !user.mfaOptions.isEmpty { turnedOn.insert(.smsMfa) }
        return SignInMachine.Facts(
            status: user.status, mfaConfiguration: configuration,
            userFactors: UserMfaSettings.factors.filter { turnedOn.contains($0) && usable($0) }, preferred: user.mfa.preferred,
            reachableFactors: [ChallengeNameType.smsMfa, .emailOtp].filter(usable))
    }
}
