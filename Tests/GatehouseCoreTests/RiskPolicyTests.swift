import AWSWire
import CognitoModel
import Foundation
import GatehouseStorage
@testable import GatehouseCore
import XCTest

/// Threat protection's rules: risk levels from a user's history, and what modes and risk
/// configurations make of them.
final class RiskPolicyTests: XCTestCase {
    let home = "192.0.2.1", elsewhere = "203.0.113.7"

    func event(_ response: EventResponseType, ip: String?, device: String? = nil, feedback: FeedbackValueType? = nil) -> StoredAuthEvent {
        var event = StoredAuthEvent(type: .signin, response: response, ipAddress: ip, deviceFingerprint: device)
        event.feedback = feedback.map { EventFeedbackType(feedbackValue: $0, provider: "Admin") }
        return event
    }

    func testAFirstSignInHasNoRisk() {
        let history = RiskPolicy.History(events: [event(.fail, ip: home)])
        XCTAssertFalse(history.hasSignedIn, "a failed sign-in is no baseline")
        XCTAssertNil(RiskPolicy.level(of: .init(ipAddress: elsewhere, deviceFingerprint: "d", recentFailures: 4), history: history))
    }

    func testEachNewSignalRaisesTheLevel() {
        let history = RiskPolicy.History(events: [event(.pass, ip: home, device: "d1"), event(.fail, ip: elsewhere)])
        func level(_ ip: String?, _ device: String?, _ failures: Int) -> RiskLevelType? {
            RiskPolicy.level(of: .init(ipAddress: ip, deviceFingerprint: device, recentFailures: failures), history: history)
        }
        XCTAssertNil(level(home, "d1", 1))
        XCTAssertNil(level(nil, nil, 0), "nothing to compare")
        XCTAssertEqual(level(elsewhere, "d1", 0), .low, "an address the user only failed from is new")
        XCTAssertEqual(level(home, "d2", 0), .low)
        XCTAssertEqual(level(home, nil, 2), .low)
        XCTAssertEqual(level(elsewhere, "d2", 0), .medium)
        XCTAssertEqual(level(elsewhere, "d2", 2), .high)
        XCTAssertTrue(history.knows(ipAddress: home, device: "d1"))
        XCTAssertTrue(history.knows(ipAddress: home, device: nil))
        XCTAssertFalse(history.knows(ipAddress: home, device: "d2"))
        XCTAssertFalse(RiskPolicy.History(events: []).knows(ipAddress: nil, device: nil), "no baseline knows nothing")
    }

    func testFeedbackChangesWhatIsKnown() {
        let history = RiskPolicy.History(events: [event(.pass, ip: home), event(.pass, ip: "198.51.100.1", feedback: .invalid),
                                                  event(.fail, ip: elsewhere, feedback: .valid)])
        XCTAssertEqual(history.knownIPAddresses, [home, elsewhere], "Valid feedback vouches for a failed sign-in's address")
        XCTAssertEqual(RiskPolicy.level(of: .init(ipAddress: "198.51.100.1", deviceFingerprint: nil, recentFailures: 0), history: history), .high)
        XCTAssertNil(RiskPolicy.level(of: .init(ipAddress: elsewhere, deviceFingerprint: nil, recentFailures: 0), history: history))
    }

    func configuration(low: AccountTakeoverEventActionType? = nil, high: AccountTakeoverEventActionType? = nil, notify: Bool = false,
                       compromised: CompromisedCredentialsEventActionType? = nil, filter: [EventFilterType]? = nil,
                       blocked: [String]? = nil, skipped: [String]? = nil) -> StoredRiskConfiguration {
        StoredRiskConfiguration(
            compromisedCredentials: compromised.map { .init(eventFilter: filter, actions: .init(eventAction: $0)) },
            accountTakeover: AccountTakeoverRiskConfigurationType(actions: AccountTakeoverActionsType(
                lowAction: low.map { .init(notify: notify, eventAction: $0) }, highAction: high.map { .init(notify: notify, eventAction: $0) })),
            riskException: blocked == nil && skipped == nil ? nil : .init(blockedIPRangeList: blocked, skippedIPRangeList: skipped))
    }

    func verdict(_ configuration: StoredRiskConfiguration?, mode: AdvancedSecurityModeType = .enforced, level: RiskLevelType? = .low,
                 compromised: Bool = false, ip: String? = "203.0.113.7", mfa: Bool = true) -> RiskPolicy.Verdict {
        RiskPolicy.signIn(mode: mode, configuration: configuration, level: level, compromised: compromised, ipAddress: ip, canChallengeMfa: mfa)
    }

    func testEachAccountTakeoverAction() {
        XCTAssertEqual(verdict(configuration(low: .block)), .init(riskLevel: .low, riskDecision: .block, action: .block(.risk)))
        XCTAssertEqual(verdict(configuration(low: .mfaRequired)), .init(riskLevel: .low, riskDecision: .accounttakeover, action: .requireMfa))
        XCTAssertEqual(verdict(configuration(low: .mfaRequired), mfa: false), .init(riskLevel: .low, riskDecision: .block, action: .block(.risk)))
        XCTAssertEqual(verdict(configuration(low: .mfaIfConfigured)), .init(riskLevel: .low, riskDecision: .accounttakeover, action: .requireMfa))
        XCTAssertEqual(verdict(configuration(low: .mfaIfConfigured), mfa: false), .init(riskLevel: .low))
        XCTAssertEqual(verdict(configuration(low: .noAction)), .init(riskLevel: .low))
        XCTAssertEqual(verdict(configuration(low: .block), level: .high), .init(riskLevel: .high), "High has no action set")
        XCTAssertEqual(verdict(configuration(low: .block), level: nil), .init())
        XCTAssertEqual(verdict(nil), .init(riskLevel: .low), "without a configuration risks are only recorded")
    }

    func testNotifyingActionsNameTheirEmail() {
        XCTAssertEqual(verdict(configuration(low: .block, notify: true)).notify, .block)
        XCTAssertEqual(verdict(configuration(low: .mfaRequired, notify: true)).notify, .mfa)
        XCTAssertEqual(verdict(configuration(low: .mfaRequired, notify: true), mfa: false).notify, .block)
        XCTAssertEqual(verdict(configuration(low: .mfaIfConfigured, notify: true), mfa: false).notify, .noAction)
        XCTAssertEqual(verdict(configuration(low: .noAction, notify: true)).notify, .noAction)
        XCTAssertNil(verdict(configuration(low: .noAction, notify: false)).notify)
    }

    func testAuditRecordsAndDoesNothing() {
        XCTAssertEqual(verdict(configuration(low: .block, notify: true), mode: .audit), .init(riskLevel: .low))
        XCTAssertEqual(verdict(configuration(compromised: .block), mode: .audit, compromised: true), .init(riskLevel: .low, compromisedCredentialsDetected: true))
        XCTAssertEqual(verdict(configuration(blocked: ["203.0.113.0/24"]), mode: .audit), .init(riskLevel: .high))
    }

    func testIPRangesComeFirst() {
        let blocked = configuration(low: .noAction, blocked: ["203.0.113.0/24"], skipped: ["198.51.100.0/24"])
        XCTAssertEqual(verdict(blocked, level: nil), .init(riskLevel: .high, riskDecision: .block, action: .block(.blockedIPAddress)))
        XCTAssertEqual(verdict(blocked, level: .high, compromised: true, ip: "198.51.100.9"), .init(), "a skipped address is not assessed")
        XCTAssertEqual(verdict(blocked, level: nil, ip: nil), .init())
    }

    func testCompromisedCredentials() {
        let blocking = configuration(low: .noAction, compromised: .block, filter: [.signIn])
        XCTAssertEqual(verdict(blocking, level: nil, compromised: true),
                       .init(riskDecision: .block, compromisedCredentialsDetected: true, action: .block(.compromisedCredentials)))
        XCTAssertEqual(verdict(configuration(compromised: .noAction), level: nil, compromised: true), .init(compromisedCredentialsDetected: true))
        XCTAssertEqual(verdict(configuration(compromised: .block, filter: [.signUp]), level: nil, compromised: true),
                       .init(compromisedCredentialsDetected: true), "not for sign-in")
        XCTAssertTrue(RiskPolicy.refusesPassword(for: .passwordChange, mode: .enforced, configuration: configuration(compromised: .block),
                                                 compromised: true), "no filter: every event")
        XCTAssertFalse(RiskPolicy.refusesPassword(for: .signUp, mode: .enforced, configuration: blocking, compromised: true))
        XCTAssertFalse(RiskPolicy.refusesPassword(for: .signUp, mode: .audit, configuration: configuration(compromised: .block), compromised: true))
        XCTAssertFalse(RiskPolicy.refusesPassword(for: .signUp, mode: .enforced, configuration: nil, compromised: true))
        XCTAssertEqual(RiskPolicy.Refusal.compromisedPassword.error,
                       .invalidPasswordException("Provided password cannot be used for security reasons."))
    }

    func testTheCompromisedListIsZxcvbnsLowerCased() {
        for password in ["password", "123456", "P@ssw0rd", "p@ssw0rd", "1qaz!QAZ", "dragon"] {
            XCTAssertTrue(CompromisedPasswords.contains(password), password)
        }
        for password in ["", "Correct-Horse-Battery-9", "P@ssw0rd!", "p@ssw0r"] {
            XCTAssertFalse(CompromisedPasswords.contains(password), password)
        }
        XCTAssertEqual(CompromisedPasswords.digests.count, 30_000)
        XCTAssertEqual(CompromisedPasswords.digests, CompromisedPasswords.digests.sorted())
    }

    func testStoredEventsRoundTripAndDescribe() throws {
        var stored = StoredAuthEvent(type: .signin, response: .inprogress, ipAddress: home, deviceFingerprint: "d")
        stored.riskDecision = .accounttakeover
        stored.riskLevel = .medium
        stored.record(.password, succeeded: true)
        stored.feedback = EventFeedbackType(feedbackValue: .valid, provider: "Admin", feedbackDate: Date(timeIntervalSince1970: 1_700_000_000))
        stored.feedbackTokenDigest = [1, 2, 3]
        XCTAssertEqual(try AWSJSON.decode(StoredAuthEvent.self, from: Data(AWSJSON.encode(stored))), stored)
        let described = stored.describe(eventID: "e1", creationDate: Date(timeIntervalSince1970: 5))
        XCTAssertEqual(described.eventRisk, EventRiskType(riskDecision: .accounttakeover, riskLevel: .medium, compromisedCredentialsDetected: false))
        XCTAssertEqual(described.challengeResponses, [ChallengeResponseType(challengeName: .password, challengeResponse: .success)])
        XCTAssertEqual(described.eventContextData, EventContextDataType(ipAddress: home))
        XCTAssertEqual(described.eventResponse, .inprogress)
    }
}

/// What threat protection writes: notify emails, AdminListUserAuthEvents' tokens, exported logs.
final class ThreatProtectionOutputTests: XCTestCase {
    let values = RiskNotification.Values(ipAddress: "192.0.2.1", loginTime: Date(timeIntervalSince1970: 1_700_000_000), eventID: "e-1",
                                         feedbackToken: "tok", validLink: "https://id.example.com/f?v=1&t=tok",
                                         invalidLink: "https://id.example.com/f?v=0&t=tok")

    func testNotifyEmailsFillTheirPlaceholdersEscapedInHTML() {
        let standard = RiskNotification(.block, configuration: nil, values: values)
        XCTAssertEqual(standard.subject, "Blocked sign-in attempt")
        XCTAssertTrue(standard.body.contains("<li>Time: 2023-11-14 22:13:20 UTC</li>"), standard.body)
        XCTAssertTrue(standard.body.contains("<a href=https://id.example.com/f?v=0&amp;t=tok>this link</a>"), standard.body)
        XCTAssertTrue(standard.body.contains("Location: Unknown, Unknown"))
        let own = NotifyConfigurationType(sourceArn: "arn", mfaEmail: NotifyEmailType(subject: "Check", textBody: "{ip-address} {event-id} {feedback-token} {one-click-link-valid}"))
        XCTAssertEqual(RiskNotification(.mfa, configuration: own, values: values),
                       RiskNotification(subject: "Check", body: "192.0.2.1 e-1 tok https://id.example.com/f?v=1&t=tok"), "text as it is")
        XCTAssertEqual(RiskNotification(.noAction, configuration: own, values: values).subject, "New sign-in attempt", "no email of its own")
    }

    func testPageTokensAreCognitosForm() throws {
        let position = AuthEventRecord.Position(creationDate: Date(timeIntervalSince1970: 1_726_694_203.495), eventID: "a1b2-c3")
        let token = AuthEventsPageToken.token(after: position)
        XCTAssertEqual(token, "a1b2-c3#2024-09-18T21:16:43.495Z")
        let read = try AuthEventsPageToken.position(token)
        XCTAssertEqual(read.eventID, "a1b2-c3")
        XCTAssertEqual(read.creationDate.timeIntervalSince1970, 1_726_694_203.495, accuracy: 0.0005)
        for bad in ["", "#2024-09-18T21:16:43.495Z", "a1b2", "a#b#c", "a#2024-09-18"] {
            XCTAssertThrowsError(try AuthEventsPageToken.position(bad), bad)
        }
    }

    func testLogDeliveryRules() {
        let cloudWatch = CloudWatchLogsConfigurationType(logGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:g")
        func check(_ configurations: [LogConfigurationType], tier: UserPoolTierType = .plus) -> String? {
            do {
                try StoredLogDeliveryConfiguration(logConfigurations: configurations).check(tier: tier)
                return nil
            } catch {
                return error.message
            }
        }
        let notifications = LogConfigurationType(logLevel: .error, eventSource: .usernotification, cloudWatchLogsConfiguration: cloudWatch)
        let activity = LogConfigurationType(logLevel: .info, eventSource: .userauthevents, s3Configuration: S3ConfigurationType(bucketArn: "arn:aws:s3:::b"))
        XCTAssertNil(check([notifications, activity]))
        XCTAssertNil(check([notifications], tier: .lite))
        XCTAssertEqual(check([activity], tier: .essentials), "Exporting userAuthEvents requires the PLUS feature plan.")
        XCTAssertEqual(check([LogConfigurationType(logLevel: .error, eventSource: .usernotification)]),
                       "A log configuration needs exactly one of CloudWatchLogsConfiguration, S3Configuration and FirehoseConfiguration.")
        XCTAssertEqual(check([LogConfigurationType(logLevel: .error, eventSource: .usernotification, s3Configuration: .init(bucketArn: "arn:aws:s3:::b"))]),
                       "userNotification logs are delivered at LogLevel ERROR to CloudWatchLogsConfiguration only.")
        XCTAssertTrue(StoredLogDeliveryConfiguration(logConfigurations: [activity]).exports(.userauthevents))
        XCTAssertFalse(StoredLogDeliveryConfiguration(logConfigurations: [activity]).exports(.usernotification))
    }

    func testExportedRecordsHaveCognitosEnvelope() throws {
        var event = StoredAuthEvent(type: .signin, response: .fail, ipAddress: "192.0.2.1", deviceFingerprint: nil)
        event.riskLevel = .high
        event.riskDecision = .block
        let bytes = LogRecord.authEvent(event, id: "e-1", created: Date(timeIntervalSince1970: 1_721_237_155),
                                        of: .init(userPoolID: "us-east-1_p", username: "ana", sub: "s-1", clientID: nil),
                                        at: Date(timeIntervalSince1970: 1_721_237_155.5))
        let record = try JSONNode(parsing: bytes)
        XCTAssertEqual(record["eventTimestamp"]?.string, "1721237155500")
        XCTAssertEqual(record["eventSource"]?.string, "USER_AUTH_EVENTS")
        XCTAssertEqual(record["logSourceId"]?["userPoolId"]?.string, "us-east-1_p")
        XCTAssertEqual(record["message"]?["creationDate"]?.string, "Wed Jul 17 17:25:55 UTC 2024")
        XCTAssertEqual(record["message"]?["riskLevel"]?.string, "High")
        XCTAssertEqual(record["message"]?["clientId"]?.string, "")
        XCTAssertEqual(record["message"]?["hasContextData"]?.string, "true")
        let failure = try JSONNode(parsing: LogRecord.notificationError("no SMS", userPoolID: "us-east-1_p", at: Date(timeIntervalSince1970: 1)))
        XCTAssertEqual(failure["message"]?["details"]?.string, "no SMS")
        XCTAssertEqual(failure["logLevel"]?.string, "ERROR")
    }
}
