import AWSWire
import CognitoModel
import Crypto
import Foundation
import GatehouseCore
import GatehouseStorage

/// Threat protection at work, for the features that sign users in and set passwords: assesses a
/// request with ``RiskPolicy`` against the user's recent events and the risk configuration of its
/// app client (else its pool), records the authentication event, and sends the notify email with
/// its feedback links. Acts only on a PLUS pool whose AdvancedSecurityMode is AUDIT or ENFORCED.
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

    /// The events a risk level is compared with: the user's latest.
    static let historyLength = 60

    /// A sign-in assessed before its password is checked.
    struct SignInAssessment: Sendable {
        let clientID: String
        let verdict: RiskPolicy.Verdict
        let configuration: StoredRiskConfiguration?
        let ipAddress: String?
        let deviceFingerprint: String?
    }

    /// The mode threat protection acts in (AUDIT or ENFORCED, on the PLUS plan), else `nil`: the
    /// pool's AdvancedSecurityMode, or for CUSTOM_AUTH sign-ins its AdvancedSecurityAdditionalFlows'
    /// CustomAuthMode, which has no effect unless set.
    static func mode(of pool: UserPool, customAuth: Bool = false) -> AdvancedSecurityModeType? {
        guard pool.settings.userPoolTier == .plus, let addOns = pool.settings.userPoolAddOns else { return nil }
        if customAuth { return addOns.advancedSecurityAdditionalFlows?.customAuthMode.map { AdvancedSecurityModeType(rawValue: $0.rawValue) } }
        guard let mode = addOns.advancedSecurityMode, mode != .off else { return nil }
        return mode
    }

    /// The risk configuration of the app client, else of the pool; `nil` when neither has one.
    func configuration(of pool: UserPool, clientID: String?) async throws -> StoredRiskConfiguration? {
        for key in [clientID, StoredRiskConfiguration.allClients].compactMap({ $0 }) {
            if let record = try await storage.userPoolItem(userPoolID: pool.id, kind: .riskConfiguration, key: key) {
                return try StoredRiskConfiguration(record: record)
            }
        }
        return nil
    }

    /// Assesses a sign-in of `user` before its password is checked; `nil` when threat protection is off.
    /// - Parameters:
    ///   - password: the password given in the clear, checked against the compromised list; `nil` for SRP,
    ///     whose sign-ins Cognito does not check for compromised credentials (docs/compatibility.md).
    ///   - device: the device the sign-in presented.
    ///   - customAuth: a CUSTOM_AUTH sign-in, assessed in the pool's CustomAuthMode.
    func assessSignIn(of record: UserRecord, user: StoredUser, password: String?, device: SignInMachine.Device, origin: SignInOrigin,
                      client: AppClient, customAuth: Bool = false) async throws -> SignInAssessment? {
        guard let mode = Self.mode(of: client.pool, customAuth: customAuth) else { return nil }
        let configuration = try await configuration(of: client.pool, clientID: client.id)
        let history = RiskPolicy.History(events: try await recentEvents(of: record, in: client.pool))
        let fingerprint = Self.fingerprint(deviceKey: device.presentedKey, encodedData: origin.encodedData)
        let level = RiskPolicy.level(of: .init(ipAddress: origin.ipAddress, deviceFingerprint: fingerprint,
                                               recentFailures: user.signInFailures.count), history: history)
        let facts = client.pool.mfa.facts(for: user)
        let verdict = RiskPolicy.signIn(mode: mode, configuration: configuration, level: level,
                                        compromised: password.map(CompromisedPasswords.contains) ?? false, ipAddress: origin.ipAddress,
                                        canChallengeMfa: !facts.userFactors.isEmpty || !facts.reachableFactors.isEmpty)
        return SignInAssessment(clientID: client.id, verdict: verdict, configuration: configuration, ipAddress: origin.ipAddress, deviceFingerprint: fingerprint)
    }

    /// Refuses a sign-in from a blocked IP address before its password is checked, recording it.
    /// - Throws: ``RiskPolicy/Refusal/blockedIPAddress``'s error.
    func checkIPAddress(_ assessment: SignInAssessment?, of record: UserRecord, user: StoredUser, pool: UserPool) async throws {
        guard let assessment, assessment.verdict.action == .block(.blockedIPAddress) else { return }
        _ = try await recordSignIn(assessment, response: .fail, steps: [], of: record, user: user, pool: pool)
        throw RiskPolicy.Refusal.blockedIPAddress.error
    }

    /// Records a sign-in whose password was wrong.
    func recordWrongPassword(_ assessment: SignInAssessment?, of record: UserRecord, user: StoredUser, pool: UserPool) async throws {
        guard let assessment else { return }
        var quiet = assessment.verdict
        quiet.notify = nil  // a wrong password is not the sign-in the email would be about
        _ = try await recordSignIn(SignInAssessment(clientID: assessment.clientID, verdict: quiet, configuration: assessment.configuration, ipAddress: assessment.ipAddress,
                                                    deviceFingerprint: assessment.deviceFingerprint),
                                   response: .fail, steps: [(.password, false)], of: record, user: user, pool: pool)
    }

    /// After the password was proven: refuses the sign-in the verdict blocks, or records it going on.
    /// - Parameter passed: tokens follow at once.
    /// - Returns: the event's id; `nil` when threat protection is off.
    /// - Throws: the verdict's refusal.
    func proceed(_ assessment: SignInAssessment?, passed: Bool, of record: UserRecord, user: StoredUser, pool: UserPool) async throws -> String? {
        guard let assessment else { return nil }
        if case .block(let refusal) = assessment.verdict.action {
            _ = try await recordSignIn(assessment, response: .fail, steps: [(.password, true)], of: record, user: user, pool: pool)
            throw refusal.error
        }
        return try await recordSignIn(assessment, response: passed ? .pass : .inprogress, steps: [(.password, true)],
                                      of: record, user: user, pool: pool)
    }

    /// Marks a sign-in's event passed when it issues tokens, with its MFA step when it had one.
    func complete(_ eventID: String, mfaPassed: Bool, of record: UserRecord, user: StoredUser, clientID: String, pool: UserPool) async throws {
        let written = try await storage.updateAuthEvent(userPoolID: pool.id, userKey: record.key, eventID: eventID) { stored in
            var event = try StoredAuthEvent(record: stored)
            event.response = .pass
            if mfaPassed { event.record(.mfa, succeeded: true) }
            stored.document = Data(AWSJSON.encode(event))
        }
        await export(try StoredAuthEvent(record: written), id: eventID, created: written.creationDate,
                     of: .init(userPoolID: pool.id, username: user.username, sub: record.sub, clientID: clientID))
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
                     pool: UserPool) async throws {
        guard Self.mode(of: pool) != nil else { return }
        var event = StoredAuthEvent(type: type, response: .pass, ipAddress: origin.ipAddress,
                                    deviceFingerprint: Self.fingerprint(deviceKey: nil, encodedData: origin.encodedData))
        event.compromisedCredentialsDetected = password.map(CompromisedPasswords.contains) ?? false
        if type != .signup {
            event.riskLevel = RiskPolicy.level(of: .init(ipAddress: event.ipAddress, deviceFingerprint: event.deviceFingerprint, recentFailures: 0),
                                               history: RiskPolicy.History(events: try await recentEvents(of: record, in: pool)))
        }
        _ = try await insert(event, of: record, user: user, clientID: clientID, pool: pool)
    }

    /// The user's latest events, newest first.
    func recentEvents(of record: UserRecord, in pool: UserPool) async throws -> [StoredAuthEvent] {
        try await storage.authEvents(userPoolID: pool.id, userKey: record.key, before: nil, limit: Self.historyLength)
            .map { try StoredAuthEvent(record: $0) }
    }

    /// Stores a sign-in event, and sends the verdict's notify email with its feedback links.
    private func recordSignIn(_ assessment: SignInAssessment, response: EventResponseType, steps: [(ChallengeName, Bool)],
                              of record: UserRecord, user: StoredUser, pool: UserPool) async throws -> String {
        var event = StoredAuthEvent(type: .signin, response: response, ipAddress: assessment.ipAddress,
                                    deviceFingerprint: assessment.deviceFingerprint)
        event.riskDecision = assessment.verdict.riskDecision
        event.riskLevel = assessment.verdict.riskLevel
        event.compromisedCredentialsDetected = assessment.verdict.compromisedCredentialsDetected
        for (step, succeeded) in steps { event.record(step, succeeded: succeeded) }
        let notify = assessment.verdict.notify.flatMap { kind in user.attribute("email").map { (kind, $0) } }
        let token = notify.map { _ in random.string(40, from: Self.tokenAlphabet) }
        event.feedbackTokenDigest = token.map { Array(SHA256.hash(data: Data($0.utf8))) }
        let (id, now) = try await insert(event, of: record, user: user, clientID: assessment.clientID, pool: pool)
        if let (kind, address) = notify, let token {
            let values = RiskNotification.Values(ipAddress: assessment.ipAddress, loginTime: now, eventID: id, feedbackToken: token,
                                                 validLink: feedbackLink(.valid, pool: pool, username: user.username, eventID: id, token: token),
                                                 invalidLink: feedbackLink(.invalid, pool: pool, username: user.username, eventID: id, token: token))
            let notifyConfiguration = assessment.configuration?.accountTakeover?.notifyConfiguration
            let email = RiskNotification(kind, configuration: notifyConfiguration, values: values)
            await delivery.send(OutboxMessage(medium: .email, to: address, from: notifyConfiguration?.from ?? pool.messages.sender,
                                              replyTo: notifyConfiguration?.replyTo ?? pool.messages.replyTo, subject: email.subject,
                                              body: email.body, trigger: "AccountTakeoverNotification", username: user.username),
                                secret: token, userPoolID: pool.id)
        }
        return id
    }

    /// Stores a new event of the user, and exports it.
    /// - Returns: its id and creation date.
    private func insert(_ event: StoredAuthEvent, of record: UserRecord, user: StoredUser, clientID: String?,
                        pool: UserPool) async throws -> (String, Date) {
        let id = random.uuid(), now = clock.now()
        try await storage.insertAuthEvent(AuthEventRecord(userPoolID: pool.id, userKey: record.key, eventID: id, creationDate: now,
                                                          document: Data(AWSJSON.encode(event))))
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
        var components = URLComponents(string: "\(issuerBaseURL)/authEventFeedback") ?? URLComponents()
        components.queryItems = [URLQueryItem(name: "user_pool_id", value: pool.id), URLQueryItem(name: "username", value: username),
                                 URLQueryItem(name: "event_id", value: eventID), URLQueryItem(name: "feedback_token", value: token),
                                 URLQueryItem(name: "feedback_value", value: value.rawValue)]
        // URLComponents leaves "+" as it is; a query reader would take it for a space.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        return components.string ?? ""
    }

    /// The characters of a feedback token, 40 of them: about 238 random bits.
    static let tokenAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

    /// A digest standing for the device: its key, else the EncodedData its SDK sent; `nil` for neither.
    static func fingerprint(deviceKey: String?, encodedData: String?) -> String? {
        guard let source = deviceKey.map({ "key:" + $0 }) ?? encodedData.map({ "data:" + $0 }) else { return nil }
        return SHA256.hash(data: Data(source.utf8)).prefix(12).map { String(format: "%02x", $0) }.joined()
    }
}
