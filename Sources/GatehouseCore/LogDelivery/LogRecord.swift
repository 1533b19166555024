import AWSWire
import CognitoModel
import Foundation

/// One exported log record, in the form of Cognito's log export (AWS developer guide, "Exporting
/// logs from Amazon Cognito user pools"; docs/compatibility.md § Log delivery): `eventTimestamp`
/// (epoch milliseconds as text), `eventSource`, `logLevel`, `message`, `logSourceId {userPoolId}`.
public enum LogRecord {
    /// A message that could not be delivered (userNotification, ERROR): `message {details}`.
    public static func notificationError(_ details: String, userPoolID: String, at date: Date) -> [UInt8] {
        record(source: "USER_NOTIFICATION", level: "ERROR", userPoolID: userPoolID, at: date) { writer in
            writer.beginObject()
            writer.member("details", details)
            writer.endObject()
        }
    }

    /// Who an authentication event was of, besides the event.
    public struct Subject: Sendable {
        public var userPoolID: String
        public var username: String
        public var sub: String
        public var clientID: String?

        public init(userPoolID: String, username: String, sub: String, clientID: String?) {
            self.userPoolID = userPoolID
            self.username = username
            self.sub = sub
            self.clientID = clientID
        }
    }

    /// A threat protection event (userAuthEvents, INFO): its fields flat in `message`, as text.
    /// What Gatehouse cannot know (city, country, device name, an identity provider) is empty.
    public static func authEvent(_ event: StoredAuthEvent, id: String, created: Date, of subject: Subject, at date: Date) -> [UInt8] {
        record(source: "USER_AUTH_EVENTS", level: "INFO", userPoolID: subject.userPoolID, at: date) { writer in
            writer.beginObject()
            writer.member("version", "1")
            writer.member("eventId", id)
            writer.member("eventType", event.type.rawValue)
            writer.member("userSub", subject.sub)
            writer.member("userName", subject.username)
            writer.member("userPoolId", subject.userPoolID)
            writer.member("clientId", subject.clientID ?? "")
            writer.member("creationDate", creationDate(created))
            writer.member("eventResponse", event.response.rawValue)
            writer.member("riskLevel", event.riskLevel?.rawValue ?? "")
            writer.member("riskDecision", event.riskDecision.rawValue)
            writer.member("challenges", event.challengeResponses)
            writer.member("deviceName", "")
            writer.member("ipAddress", event.ipAddress ?? "")
            writer.member("idpName", "")
            writer.member("compromisedCredentialDetected", String(event.compromisedCredentialsDetected))
            writer.member("city", "")
            writer.member("country", "")
            writer.member("eventFeedbackValue", event.feedback?.feedbackValue?.rawValue ?? "")
            writer.member("eventFeedbackDate", event.feedback?.feedbackDate.map { String(Int64($0.timeIntervalSince1970 * 1000)) } ?? "")
            writer.member("eventFeedbackProvider", event.feedback?.provider ?? "")
            writer.member("hasContextData", String(event.ipAddress != nil || event.deviceFingerprint != nil))
            writer.endObject()
        }
    }

    private static func record(source: String, level: String, userPoolID: String, at date: Date,
                               message: (inout JSONWriter) -> Void) -> [UInt8] {
        var writer = JSONWriter(capacity: 512)
        writer.beginObject()
        writer.member("eventTimestamp", String(Int64((date.timeIntervalSince1970 * 1000).rounded())))
        writer.member("eventSource", source)
        writer.member("logLevel", level)
        writer.member("message", writing: message)
        writer.member("logSourceId") { writer in
            writer.beginObject()
            writer.member("userPoolId", userPoolID)
            writer.endObject()
        }
        writer.endObject()
        return writer.bytes
    }

    /// `Wed Jul 17 17:25:55 UTC 2024`, as Cognito's example shows an event's creationDate.
    static func creationDate(_ date: Date) -> String {
        DateFormatter.utc("EEE MMM dd HH:mm:ss 'UTC' yyyy").string(from: date)
    }
}
