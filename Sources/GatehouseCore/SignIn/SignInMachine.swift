import CognitoModel

/// The order of a sign-in's steps once the user has proven the password, as a pure function of
/// what the sign-in has done (``Progress``, carried in its session) and of the user and pool
/// (``Facts``). Gatehouse's operations feed it events and do what it answers:
/// 1. MFA_SETUP, when the pool requires MFA (ON) and the user has no factor it can be challenged
///    with (docs/cognito-notes.md §5.2: it comes before NEW_PASSWORD_REQUIRED);
/// 2. NEW_PASSWORD_REQUIRED, for a temporary password (FORCE_CHANGE_PASSWORD);
/// 3. the MFA challenge when the pool requires MFA or the user has turned a factor on (OPTIONAL):
///    the factor SELECT_MFA_TYPE chose, else the preferred one, else the only one, else
///    SELECT_MFA_TYPE;
/// 4. tokens.
public enum SignInMachine {
    /// What the sign-in has done so far.
    public struct Progress: Sendable, Equatable {
        public var newPasswordSet = false
        public var mfaPassed = false
        /// The factor the answer to SELECT_MFA_TYPE chose.
        public var chosenFactor: ChallengeNameType?

        public init(newPasswordSet: Bool = false, mfaPassed: Bool = false, chosenFactor: ChallengeNameType? = nil) {
            self.newPasswordSet = newPasswordSet
            self.mfaPassed = mfaPassed
            self.chosenFactor = chosenFactor
        }
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

        public init(status: UserStatusType, mfaConfiguration: UserPoolMfaType, userFactors: [ChallengeNameType] = [],
                    preferred: ChallengeNameType? = nil, reachableFactors: [ChallengeNameType] = []) {
            self.status = status
            self.mfaConfiguration = mfaConfiguration
            self.userFactors = userFactors
            self.preferred = preferred
            self.reachableFactors = reachableFactors
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
        }
    }

    /// The step that follows `progress`.
    public static func next(_ progress: Progress, facts: Facts) -> Step {
        let mfaDue = !progress.mfaPassed
            && (facts.mfaConfiguration == .on || (facts.mfaConfiguration == .optional && !facts.userFactors.isEmpty))
        let factors = facts.userFactors.isEmpty ? facts.reachableFactors : facts.userFactors
        if mfaDue, factors.isEmpty { return .challenge(.mfaSetup) }
        if facts.status == .forceChangePassword, !progress.newPasswordSet { return .challenge(.newPasswordRequired) }
        guard mfaDue else { return .issueTokens }
        if let chosen = progress.chosenFactor, factors.contains(chosen) { return .challenge(chosen) }
        if let preferred = facts.preferred, factors.contains(preferred) { return .challenge(preferred) }
        return factors.count == 1 ? .challenge(factors[0]) : .challenge(.selectMfaType)
    }
}
