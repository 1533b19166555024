import AWSWire
import CognitoModel

/// Threat protection's decisions, pure: how risky a sign-in is from what Gatehouse can see, and what
/// the pool's mode and risk configuration make of that (docs/compatibility.md § Threat protection).
/// Cognito's own model is not public; these are Gatehouse's rules.
///
/// A sign-in's risk level counts three signals against the user's recent events (``History``):
/// an IP address the user has not signed in from, a device (device key or UserContextData's
/// EncodedData) the user has not signed in with, and 2 or more wrong passwords just before. One
/// signal is Low, two Medium, three High; none is no risk. A user's first sign-in has nothing to
/// compare with and is no risk. An IP address of an event someone marked Invalid is High.
public enum RiskPolicy {
    /// What a user's recent events say about the next one.
    public struct History: Sendable, Equatable {
        /// Where the user signed in: events that passed, or that feedback marked Valid.
        public var knownIPAddresses: Set<String> = []
        public var knownDevices: Set<String> = []
        /// IP addresses of events that feedback marked Invalid.
        public var distrustedIPAddresses: Set<String> = []
        /// Whether the user has signed in before (a sign-in event passed, or was marked Valid).
        public var hasSignedIn = false

        /// Whether the user has signed in from this address with this device (either unknown counts as known).
        public func knows(ipAddress: String?, device: String?) -> Bool {
            hasSignedIn && (ipAddress.map(knownIPAddresses.contains) ?? true) && (device.map(knownDevices.contains) ?? true)
        }

        public init(events: [StoredAuthEvent]) {
            for event in events where event.type == .signin {
                if event.feedback?.feedbackValue == .invalid {
                    if let ip = event.ipAddress { distrustedIPAddresses.insert(ip) }
                } else if event.response == .pass || event.feedback?.feedbackValue == .valid {
                    hasSignedIn = true
                    if let ip = event.ipAddress { knownIPAddresses.insert(ip) }
                    if let device = event.deviceFingerprint { knownDevices.insert(device) }
                }
            }
        }
    }

    /// What a sign-in shows of where it comes from.
    public struct Attempt: Sendable, Equatable {
        public var ipAddress: String?
        public var deviceFingerprint: String?
        /// Wrong passwords in a row just before this attempt.
        public var recentFailures: Int

        public init(ipAddress: String?, deviceFingerprint: String?, recentFailures: Int) {
            self.ipAddress = ipAddress
            self.deviceFingerprint = deviceFingerprint
            self.recentFailures = recentFailures
        }
    }

    /// The attempt's risk level; `nil` for no risk.
    public static func level(of attempt: Attempt, history: History) -> RiskLevelType? {
        if let ip = attempt.ipAddress, history.distrustedIPAddresses.contains(ip) { return .high }
        guard history.hasSignedIn else { return nil }
        var signals = attempt.recentFailures >= 2 ? 1 : 0
        if let ip = attempt.ipAddress, !history.knownIPAddresses.contains(ip) { signals += 1 }
        if let device = attempt.deviceFingerprint, !history.knownDevices.contains(device) { signals += 1 }
        return [nil, .low, .medium, .high][min(signals, 3)]
    }

    /// Why threat protection refuses a request.
    public enum Refusal: Error, Sendable, Equatable {
        /// The IP address is in the BlockedIPRangeList.
        case blockedIPAddress
        /// The risk level's action is BLOCK, or MFA_REQUIRED for a user without MFA.
        case risk
        /// A compromised password at sign-in, with the BLOCK action.
        case compromisedCredentials
        /// A compromised password at sign-up or a password change, with the BLOCK action.
        case compromisedPassword

        /// Cognito's error (docs/evidence/threat-protection.md §3).
        public var error: AWSServiceError {
            switch self {
            case .blockedIPAddress: .notAuthorizedException("Request not allowed due to security reasons.")
            case .risk, .compromisedCredentials: .notAuthorizedException("Unable to login because of security reasons.")
            case .compromisedPassword: .invalidPasswordException("Provided password cannot be used for security reasons.")
            }
        }
    }

    /// What a sign-in does about its risk.
    public enum Action: Sendable, Equatable {
        case allow
        /// Challenge with the user's MFA before tokens.
        case requireMfa
        case block(Refusal)
    }

    /// Which of NotifyConfiguration's emails a sign-in sends.
    public enum NotifyEmail: Sendable, Equatable {
        /// BlockEmail: the sign-in was refused.
        case block
        /// MfaEmail: the sign-in had to answer MFA.
        case mfa
        /// NoActionEmail: the sign-in went on.
        case noAction
    }

    /// A sign-in's assessment: what its event records, what happens, and which notify email goes out.
    public struct Verdict: Sendable, Equatable {
        public var riskLevel: RiskLevelType?
        public var riskDecision: RiskDecisionType = .norisk
        public var compromisedCredentialsDetected = false
        public var action: Action = .allow
        /// The email to send when the risk level's action notifies.
        public var notify: NotifyEmail?

        public init(riskLevel: RiskLevelType? = nil, riskDecision: RiskDecisionType = .norisk, compromisedCredentialsDetected: Bool = false,
                    action: Action = .allow, notify: NotifyEmail? = nil) {
            self.riskLevel = riskLevel
            self.riskDecision = riskDecision
            self.compromisedCredentialsDetected = compromisedCredentialsDetected
            self.action = action
            self.notify = notify
        }
    }

    /// The verdict on a sign-in that proved its password.
    /// - Parameters:
    ///   - mode: the pool's AdvancedSecurityMode; AUDIT records what ENFORCED would find and does nothing.
    ///   - configuration: the app client's risk configuration, else the pool's; without one, risks
    ///     are recorded and nothing is done about them.
    ///   - compromised: the password is on the compromised list (known only where the password came in the clear).
    ///   - canChallengeMfa: the user has a factor MFA can challenge (an SMS or email address counts).
    public static func signIn(mode: AdvancedSecurityModeType, configuration: StoredRiskConfiguration?, level: RiskLevelType?,
                              compromised: Bool, ipAddress: String?, canChallengeMfa: Bool) -> Verdict {
        if contains(ipAddress, configuration?.riskException?.skippedIPRangeList) { return Verdict() }
        var verdict = Verdict(riskLevel: level, compromisedCredentialsDetected: compromised)
        if contains(ipAddress, configuration?.riskException?.blockedIPRangeList) {
            verdict.riskLevel = .high
            verdict.riskDecision = .block
            verdict.action = .block(.blockedIPAddress)
        } else if compromised, blocksCompromised(.signIn, configuration: configuration) {
            verdict.riskDecision = .block
            verdict.action = .block(.compromisedCredentials)
        } else if let level, let action = configuration?.accountTakeover?.actions?.action(for: level), let eventAction = action.eventAction {
            switch eventAction {
            case .block:
                verdict.riskDecision = .block
                verdict.action = .block(.risk)
            case .mfaRequired, .mfaIfConfigured:
                if canChallengeMfa {
                    verdict.riskDecision = .accounttakeover
                    verdict.action = .requireMfa
                } else if eventAction == .mfaRequired {
                    verdict.riskDecision = .block
                    verdict.action = .block(.risk)
                }
            default: break
            }
            if action.notify == true {
                verdict.notify = switch verdict.action { case .allow: .noAction; case .requireMfa: .mfa; case .block: .block }
            }
        }
        guard mode == .enforced else { return Verdict(riskLevel: verdict.riskLevel, compromisedCredentialsDetected: compromised) }
        return verdict
    }

    /// Whether `ipAddress` is in the BlockedIPRangeList and not in the SkippedIPRangeList.
    public static func blocks(_ ipAddress: String?, configuration: StoredRiskConfiguration?) -> Bool {
        contains(ipAddress, configuration?.riskException?.blockedIPRangeList) && !contains(ipAddress, configuration?.riskException?.skippedIPRangeList)
    }

    /// Whether one of `ranges` (CIDR blocks) holds `ipAddress`.
    static func contains(_ ipAddress: String?, _ ranges: [String]?) -> Bool {
        guard let ipAddress, let ranges else { return false }
        return ranges.contains { IPAddressRange(cidr: $0)?.contains(ipAddress) == true }
    }

    /// Whether a password is refused at sign-up or a password change (`event`): ENFORCED, on the
    /// compromised list, and a CompromisedCredentialsRiskConfiguration that blocks for that event.
    public static func refusesPassword(for event: EventFilterType, mode: AdvancedSecurityModeType, configuration: StoredRiskConfiguration?,
                                       compromised: Bool) -> Bool {
        mode == .enforced && compromised && blocksCompromised(event, configuration: configuration)
    }

    /// Whether the configuration blocks compromised credentials at `event`: its EventFilter (every
    /// event when it has none) holds it and its EventAction is BLOCK.
    static func blocksCompromised(_ event: EventFilterType, configuration: StoredRiskConfiguration?) -> Bool {
        guard let compromised = configuration?.compromisedCredentials, compromised.actions?.eventAction == .block else { return false }
        return (compromised.eventFilter ?? EventFilterType.allValues.map(EventFilterType.init(rawValue:))).contains(event)
    }
}

extension AccountTakeoverActionsType {
    /// The action for a risk level.
    func action(for level: RiskLevelType) -> AccountTakeoverActionType? {
        switch level {
        case .low: lowAction
        case .medium: mediumAction
        default: highAction
        }
    }
}
