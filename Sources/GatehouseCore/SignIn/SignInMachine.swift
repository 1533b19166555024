import CognitoModel

/// The order of a sign-in's steps once the user has proven the password, as a pure function of
/// what the sign-in has done (``Progress``, carried in its session) and of the user and pool
/// (``Facts``). Gatehouse's operations feed it events and do what it answers:
/// 1. MFA_SETUP, when the pool requires MFA (ON) and the user has no factor it can be challenged
///    with (docs/cognito-notes.md §5.2: it comes before NEW_PASSWORD_REQUIRED);
/// 2. NEW_PASSWORD_REQUIRED, for a temporary password (FORCE_CHANGE_PASSWORD);
/// 3. the MFA challenge when the pool requires MFA or the user has turned a factor on (OPTIONAL):
///    the factor SELECT_MFA_TYPE chose, else the preferred one, else the only one, else
///    SELECT_MFA_TYPE; not for a remembered device when the pool lets its proof stand in for MFA
///    (ChallengeRequiredOnNewDevice); and whenever threat protection requires it;
/// 4. DEVICE_SRP_AUTH, for a remembered device the sign-in presented (docs/compatibility.md § Devices);
/// 5. tokens.
public enum SignInMachine {
    /// What the sign-in has done so far.
    public struct Progress: Sendable, Equatable {
        public var newPasswordSet = false
        public var mfaPassed = false
        /// The factor the answer to SELECT_MFA_TYPE chose.
        public var chosenFactor: ChallengeNameType?
        /// The device the sign-in is made on.
        public var device: Device = .none
        /// The answer to DEVICE_PASSWORD_VERIFIER proved the device.
        public var deviceVerified = false
        /// The sign-in is made on a pool domain's managed login pages: it ends in an authorization
        /// code or implicit tokens there, not in the API's tokens.
        public var managedLogin = false
        /// Threat protection requires MFA of this sign-in, whatever the pool's MfaConfiguration
        /// and the user's settings and devices (``RiskPolicy/Action/requireMfa``).
        public var riskRequiresMfa = false
        /// The sign-in's authentication event, which its end marks as passed.
        public var authEventID: String?

        public init(newPasswordSet: Bool = false, mfaPassed: Bool = false, chosenFactor: ChallengeNameType? = nil, device: Device = .none,
                    deviceVerified: Bool = false, managedLogin: Bool = false, riskRequiresMfa: Bool = false, authEventID: String? = nil) {
            self.newPasswordSet = newPasswordSet
            self.mfaPassed = mfaPassed
            self.chosenFactor = chosenFactor
            self.device = device
            self.deviceVerified = deviceVerified
            self.managedLogin = managedLogin
            self.riskRequiresMfa = riskRequiresMfa
            self.authEventID = authEventID
        }
    }

    /// The device a sign-in is made on.
    public enum Device: Sendable, Equatable {
        /// None: the pool tracks no devices, or a CUSTOM_AUTH sign-in presents none (it gets no new one).
        case none
        /// A new one, which its tokens give (NewDeviceMetadata).
        case new
        /// The user's device the sign-in presented (DEVICE_KEY); `remembered` when it is confirmed and remembered.
        case presented(key: String, remembered: Bool)
    }

    /// What the next step depends on besides the progress.
    public struct Facts: Sendable, Equatable {
        public var status: UserStatusType
        public var mfaConfiguration: UserPoolMfaType
        /// The factors the user has turned on that the pool offers, in the order SMS_MFA,
        /// SOFTWARE_TOKEN_MFA, EMAIL_OTP.
        public var userFactors: [ChallengeNameType]
        public var preferred: ChallengeNameType?
        /// The factors a user without any can be challenged with when the pool requires MFA:
        /// SMS_MFA when the pool sends SMS and the user has a phone number, EMAIL_OTP when the
        /// pool offers email MFA and the user has an email address.
        public var reachableFactors: [ChallengeNameType]
        /// The pool's ChallengeRequiredOnNewDevice: a remembered device's proof stands in for MFA.
        public var deviceProofReplacesMfa = false

        /// The factors MFA challenges with: the user's, else those it can be reached by.
        public var challengeableFactors: [ChallengeNameType] { userFactors.isEmpty ? reachableFactors : userFactors }

        public init(status: UserStatusType, mfaConfiguration: UserPoolMfaType, userFactors: [ChallengeNameType] = [],
                    preferred: ChallengeNameType? = nil, reachableFactors: [ChallengeNameType] = [], deviceProofReplacesMfa: Bool = false) {
            self.status = status
            self.mfaConfiguration = mfaConfiguration
            self.userFactors = userFactors
            self.preferred = preferred
            self.reachableFactors = reachableFactors
            self.deviceProofReplacesMfa = deviceProofReplacesMfa
        }
    }

    /// What just happened in the sign-in.
    public enum Event: Sendable, Equatable {
        /// The password was proven: in the clear or by SRP's PASSWORD_VERIFIER.
        case passwordVerified
        /// The answer to NEW_PASSWORD_REQUIRED set a new password.
        case newPasswordSet
        /// The answer to MFA_SETUP completed with a verified software token.
        case mfaSetUp
        /// The answer to SMS_MFA, SOFTWARE_TOKEN_MFA or EMAIL_OTP had the right code.
        case mfaPassed
        /// The answer to SELECT_MFA_TYPE chose this factor.
        case factorChosen(ChallengeNameType)
        /// The answer to DEVICE_PASSWORD_VERIFIER proved the device.
        case deviceVerified
    }

    /// What the sign-in does next.
    public enum Step: Sendable, Equatable {
        /// Answer with this challenge and a session for it.
        case challenge(ChallengeNameType)
        /// Issue tokens: the sign-in is complete.
        case issueTokens
    }

    /// The progress after `event`.
    public static func apply(_ event: Event, to progress: inout Progress) {
        switch event {
        case .passwordVerified: break
        case .newPasswordSet: progress.newPasswordSet = true
        case .mfaSetUp, .mfaPassed:
            progress.mfaPassed = true
            progress.chosenFactor = nil
        case .factorChosen(let factor): progress.chosenFactor = factor
        case .deviceVerified: progress.deviceVerified = true
        }
    }

    /// The step that follows `progress`.
    public static func next(_ progress: Progress, facts: Facts) -> Step {
        let rememberedDevice = progress.device.isRemembered
        let mfaDue = !progress.mfaPassed && (progress.riskRequiresMfa || !(rememberedDevice && facts.deviceProofReplacesMfa)
            && (facts.mfaConfiguration == .on || (facts.mfaConfiguration == .optional && !facts.userFactors.isEmpty)))
        let factors = facts.challengeableFactors
        if mfaDue, factors.isEmpty { return .challenge(.mfaSetup) }
        if facts.status == .forceChangePassword, !progress.newPasswordSet { return .challenge(.newPasswordRequired) }
        guard mfaDue else { return rememberedDevice && !progress.deviceVerified ? .challenge(.deviceSrpAuth) : .issueTokens }
        if let chosen = progress.chosenFactor, factors.contains(chosen) { return .challenge(chosen) }
        if let preferred = facts.preferred, factors.contains(preferred) { return .challenge(preferred) }
        return factors.count == 1 ? .challenge(factors[0]) : .challenge(.selectMfaType)
    }
}

extension SignInMachine.Device {
    /// Whether this is a presented device that is confirmed and remembered.
    public var isRemembered: Bool {
        if case .presented(_, true) = self { return true }
        return false
    }

    /// The key of a presented device.
    public var presentedKey: String? {
        if case .presented(let key, _) = self { return key }
        return nil
    }
}
