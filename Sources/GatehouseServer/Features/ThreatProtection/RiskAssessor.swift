import AWSWire
import CognitoModel
import Crypto
import Foundation
import GatehouseCore
import GatehouseStorage
import Logging

/// Threat protection at work, for the features that sign users in and set passwords: screens a
/// request's address before its user is looked up, assesses a sign-in with ``RiskPolicy`` against
/// the user's baseline events and the risk configuration of its app client (else its pool),
/// records the authentication event, and sends the notify email with its feedback links. Acts only
/// on a PLUS pool whose AdvancedSecurityMode is AUDIT or ENFORCED; a pool without costs no read.
/// Recording is best effort, as Cognito's event history is: a failure to record is logged and
/// changes nothing of the call.
struct RiskAssessor: Sendable {
    /// Authentication events and risk configurations.
    let storage: any Storage
    /// Notify emails.
    let delivery: MessageDelivery
    /// The userAuthEvents log of each event recorded.
    let logs: LogExport
    /// Where the feedback links point: `GET /authEventFeedback` of this server.
    let issuerBaseURL: String
    let clock: Clock
    let random: RandomSource
    let logger: Logger

    /// The baseline events a risk level is compared with: the user's latest.
    static let historyLength = 60

    /// What applies to a request, read before its user is looked up.
    struct Screening: Sendable {
        let mode: AdvancedSecurityModeType
        /// The app client's risk configuration, else the pool's.
        let configuration: StoredRiskConfiguration?
        /// A CUSTOM_AUTH sign-in: its challenges stand in for MFA, and it has no password step.
        let customAuth: Bool
    }

    /// A sign-in assessed before its password is checked.
    struct SignInAssessment: Sendable {
        let screening: Screening
        let clientID: String
        let verdict: RiskPolicy.Verdict
        let ipAddress: String?
        let deviceFingerprint: String?
        /// The user's baseline already has a sign-in from this address and device: the sign-in's
        /// event, passed, adds nothing to it, and is kept out of it so that the baseline holds
        /// one event per place rather than the latest few sign-ins of the usual one.
        var fromKnownOrigin = false
    }

    /// The mode threat protection acts in (AUDIT or ENFORCED, on the PLUS plan), else `nil`: the
    /// pool's AdvancedSecurityMode, or for CUSTOM_AUTH sign-ins, while that is on, its
    /// AdvancedSecurityAdditionalFlows' CustomAuthMode, which has no effect unless set.
    static func mode(of pool: UserPool, customAuth: Bool = false) -> AdvancedSecurityModeType? {
        guard pool.settings.userPoolTier == .plus, let addOns = pool.settings.userPoolAddOns, let mode = addOns.advancedSecurityMode,
              mode != .off else { return nil }
        guard customAuth else { return mode }
        return addOns.advancedSecurityAdditionalFlows?.customAuthMode.map { AdvancedSecurityModeType(rawValue: $0.rawValue) }
    }

    /// The risk configuration of the app client, else of the pool; `nil` when neither has one.
    func configuration(of pool: UserPool, clientID: String?) async throws -> StoredRiskConfiguration? {
        try await storage.userPoolItem(userPoolID: pool.id, kind: .riskConfiguration, clientID: clientID,
                                       elsePool: StoredRiskConfiguration.allClients).map(StoredRiskConfiguration.init(record:))
    }

    /// Screens a sign-in before its user is looked up; `nil` when threat protection is off. In
    /// ENFORCED, an address of the BlockedIPRangeList (and not of the SkippedIPRangeList) is refused
    /// whoever the user, so the answer tells nothing of which users exist, and nothing is recorded:
    /// a record would let anyone without a password fill any user's history.
    /// - Throws: ``RiskPolicy/Refusal/blockedIPAddress``'s error.
    func screen(_ origin: SignInOrigin, client: AppClient, customAuth: Bool = false) async throws -> Screening? {
        guard let mode = Self.mode(of: client.pool, customAuth: customAuth) else { return nil }
        let configuration = try await configuration(of: client.pool, clientID: client.id)
        if mode == .enforced, RiskPolicy.blocks(origin.ipAddress, configuration: configuration) {
            throw RiskPolicy.Refusal.blockedIPAddress.error
        }
        return Screening(mode: mode, configuration: configuration, customAuth: customAuth)
    }

    /// Assesses a sign-in of `user` that `screening` let through, before its password is checked.
    /// - Parameters:
    ///   - password: the password given in the clear, checked against the compromised list; `nil` for SRP,
    ///     whose sign-ins Cognito does not check for compromised credentials (docs/compatibility.md).
    ///   - device: the device the sign-in presented.
    func assessSignIn(_ screening: Screening?, of record: UserRecord, user: StoredUser, password: String?, device: SignInMachine.Device,
                      origin: SignInOrigin, client: AppClient) async throws -> SignInAssessment? {
        guard let screening else { return nil }
        let history = RiskPolicy.History(events: try await baseline(of: record, in: client.pool))
        let fingerprint = Self.fingerprint(deviceKey: device.presentedKey, encodedData: origin.encodedData)
        let level = RiskPolicy.level(of: .init(ipAddress: origin.ipAddress, deviceFingerprint: fingerprint,
                                               recentFailures: user.signInFailures.count), history: history)
        var verdict = RiskPolicy.signIn(mode: screening.mode, configuration: screening.configuration, level: level,
                                        compromised: password.map(CompromisedPasswords.contains) ?? false, ipAddress: origin.ipAddress,
                                        canChallengeMfa: screening.customAuth || !client.pool.mfa.facts(for: user).challengeableFactors.isEmpty)
        if screening.customAuth, verdict.action == .requireMfa { verdict.action = .allow }  // its challenges were the second factor
        return SignInAssessment(screening: screening, clientID: client.id, verdict: verdict, ipAddress: origin.ipAddress,
                                deviceFingerprint: fingerprint, fromKnownOrigin: history.knows(ipAddress: origin.ipAddress, device: fingerprint))
    }

    /// Records a sign-in whose password was wrong: nothing was decided, and the password was not
    /// the user's, so the event says neither a decision nor compromised credentials.
    func recordWrongPassword(_ assessment: SignInAssessment?, of record: UserRecord, user: StoredUser, pool: UserPool) async {
        guard let assessment else { return }
        let undecided = SignInAssessment(screening: assessment.screening, clientID: assessment.clientID,
                                         verdict: RiskPolicy.Verdict(riskLevel: assessment.verdict.riskLevel), ipAddress: assessment.ipAddress,
                                         deviceFingerprint: assessment.deviceFingerprint)
        _ = await recordSignIn(undecided, response: .fail, of: record, user: user, pool: pool, passwordProven: false)
    }

    /// After the password was proven: refuses the sign-in the verdict blocks, recording it.
    /// - Throws: the verdict's refusal.
    func refuseIfBlocked(_ assessment: SignInAssessment?, of record: UserRecord, user: StoredUser, pool: UserPool) async throws {
        guard let assessment, case .block(let refusal) = assessment.verdict.action else { return }
        _ = await recordSignIn(assessment, response: .fail, of: record, user: user, pool: pool, passwordProven: true)
        throw refusal.error
    }

    /// Records a sign-in that goes on: InProgress while challenges follow, Pass once it issued tokens.
    /// - Returns: the event's id; `nil` when it could not be recorded.
    func recordGoingOn(_ assessment: SignInAssessment, passed: Bool, of record: UserRecord, user: StoredUser, pool: UserPool) async -> String? {
        await recordSignIn(assessment, response: passed ? .pass : .inprogress, of: record, user: user, pool: pool, passwordProven: true)
    }

    /// Marks a sign-in's event passed when it issued tokens, with its MFA step when it had one.
    func complete(_ eventID: String, mfaPassed: Bool, of record: UserRecord, user: StoredUser, clientID: String, pool: UserPool) async {
        do {
            let written = try await storage.updateAuthEvent(userPoolID: pool.id, userKey: record.key, eventID: eventID) { stored in
                var event = try StoredAuthEvent(record: stored)
                event.response = .pass
                if mfaPassed { event.record(.mfa, succeeded: true) }
                stored.document = Data(AWSJSON.encode(event))
                stored.isBaseline = event.isBaseline
            }
            await export(try StoredAuthEvent(record: written), id: eventID, created: written.creationDate,
                         of: .init(userPoolID: pool.id, username: user.username, sub: record.sub, clientID: clientID))
        } catch {
            logger.error("a sign-in's event could not be completed", metadata: ["pool": "\(pool.id)", "error": "\(error)"])
        }
    }

    /// Checks a new password at sign-up (`.signUp`) or a password change (`.passwordChange`):
    /// refused when it is compromised and the configuration blocks it for that event.
    /// - Throws: ``RiskPolicy/Refusal/compromisedPassword``'s error.
    func checkNewPassword(_ password: String, for event: EventFilterType, pool: UserPool, clientID: String?) async throws {
        guard let mode = Self.mode(of: pool), CompromisedPasswords.contains(password) else { return }
        if RiskPolicy.refusesPassword(for: event, mode: mode, configuration: try await configuration(of: pool, clientID: clientID),
                                      compromised: true) {
            throw RiskPolicy.Refusal.compromisedPassword.error
        }
    }

    /// Records a sign-up or password change that happened, when threat protection is on, with the
    /// risk level its address and device have against the user's sign-ins (a new user has none).
    func recordEvent(_ type: EventType, of record: UserRecord, user: StoredUser, clientID: String?, password: String?, origin: SignInOrigin,
                     pool: UserPool) async {
        guard Self.mode(of: pool) != nil else { return }
        var event = StoredAuthEvent(type: type, response: .pass, ipAddress: origin.ipAddress,
                                    deviceFingerprint: Self.fingerprint(deviceKey: nil, encodedData: origin.encodedData))
        event.compromisedCredentialsDetected = password.map(CompromisedPasswords.contains) ?? false
        do {
            if type != .signup {
                event.riskLevel = RiskPolicy.level(of: .init(ipAddress: event.ipAddress, deviceFingerprint: event.deviceFingerprint, recentFailures: 0),
                                                   history: RiskPolicy.History(events: try await baseline(of: record, in: pool)))
            }
            _ = try await insert(event, baseline: event.isBaseline, of: record, user: user, clientID: clientID, pool: pool)
        } catch {
            logger.error("an authentication event could not be recorded", metadata: ["pool": "\(pool.id)", "error": "\(error)"])
        }
    }

    /// The user's latest baseline events, newest first.
    private func baseline(of record: UserRecord, in pool: UserPool) async throws -> [StoredAuthEvent] {
        try await storage.authEvents(userPoolID: pool.id, userKey: record.key, baselineOnly: true, before: nil, limit: Self.historyLength)
            .map { try StoredAuthEvent(record: $0) }
    }

    /// Stores a sign-in event (with its password step, unless a CUSTOM_AUTH sign-in had none), and
    /// sends the verdict's notify email with its feedback links.
    /// - Returns: the event's id; `nil` when it could not be stored.
    private func recordSignIn(_ assessment: SignInAssessment, response: EventResponseType, of record: UserRecord, user: StoredUser,
                              pool: UserPool, passwordProven: Bool) async -> String? {
        var event = StoredAuthEvent(type: .signin, response: response, ipAddress: assessment.ipAddress,
                                    deviceFingerprint: assessment.deviceFingerprint)
        event.riskDecision = assessment.verdict.riskDecision
        event.riskLevel = assessment.verdict.riskLevel
        event.compromisedCredentialsDetected = assessment.verdict.compromisedCredentialsDetected
        if !assessment.screening.customAuth { event.record(.password, succeeded: passwordProven) }
        let notify = assessment.verdict.notify.flatMap { kind in user.attribute("email").map { (kind, $0) } }
        let token = notify.map { _ in random.string(40, from: Self.tokenAlphabet) }
        event.feedbackTokenDigest = token.map { Array(SHA256.hash(data: Data($0.utf8))) }
        let id: String, now: Date
        do {
            (id, now) = try await insert(event, baseline: event.isBaseline && !assessment.fromKnownOrigin, of: record, user: user,
                                         clientID: assessment.clientID, pool: pool)
        } catch {
            logger.error("an authentication event could not be recorded", metadata: ["pool": "\(pool.id)", "error": "\(error)"])
            return nil
        }
        if let (kind, address) = notify, let token {
            let values = RiskNotification.Values(ipAddress: assessment.ipAddress, loginTime: now, eventID: id, feedbackToken: token,
                                                 validLink: feedbackLink(.valid, pool: pool, username: user.username, eventID: id, token: token),
                                                 invalidLink: feedbackLink(.invalid, pool: pool, username: user.username, eventID: id, token: token))
            let notifyConfiguration = assessment.screening.configuration?.accountTakeover?.notifyConfiguration
            let email = RiskNotification(kind, configuration: notifyConfiguration, values: values)
            await delivery.send(OutboxMessage(medium: .email, to: address, from: notifyConfiguration?.from ?? pool.messages.sender,
                                              replyTo: notifyConfiguration?.replyTo ?? pool.messages.replyTo, subject: email.subject,
                                              body: email.body, trigger: "AccountTakeoverNotification", username: user.username),
                                secret: token, userPoolID: pool.id)
        }
        return id
    }

    /// Stores a new event of the user, in its baseline or not, and exports it.
    /// - Returns: its id and creation date.
    private func insert(_ event: StoredAuthEvent, baseline: Bool, of record: UserRecord, user: StoredUser, clientID: String?,
                        pool: UserPool) async throws -> (String, Date) {
        let id = random.uuid(), now = clock.now()
        try await storage.insertAuthEvent(AuthEventRecord(userPoolID: pool.id, userKey: record.key, eventID: id, creationDate: now,
                                                          isBaseline: baseline, document: Data(AWSJSON.encode(event))))
        await export(event, id: id, created: now, of: .init(userPoolID: pool.id, username: user.username, sub: record.sub, clientID: clientID))
        return (id, now)
    }

    /// Exports an event as written, as the pool's userAuthEvents log.
    private func export(_ event: StoredAuthEvent, id: String, created: Date, of subject: LogRecord.Subject) async {
        let now = clock.now()
        await logs.deliver(.userauthevents, userPoolID: subject.userPoolID) { LogRecord.authEvent(event, id: id, created: created, of: subject, at: now) }
    }

    /// A notify email's one-click link: `GET /authEventFeedback` with what UpdateAuthEventFeedback takes.
    func feedbackLink(_ value: FeedbackValueType, pool: UserPool, username: String, eventID: String, token: String) -> String {
        OAuthRedirect(uri: "\(issuerBaseURL)/authEventFeedback", inFragment: false, state: nil).location([
            ("user_pool_id", pool.id), ("username", username), ("event_id", eventID), ("feedback_token", token),
            ("feedback_value", value.rawValue),
        ])
    }

    /// The characters of a feedback token, 40 of them: about 238 random bits.
    static let tokenAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

    /// A digest standing for the device: its key, else the EncodedData its SDK sent; `nil` for neither.
    static func fingerprint(deviceKey: String?, encodedData: String?) -> String? {
        guard let source = deviceKey.map({ "key:" + $0 }) ?? encodedData.map({ "data:" + $0 }) else { return nil }
        return SHA256.hash(data: Data(source.utf8)).prefix(12).map { String(format: "%02x", $0) }.joined()
    }
}
