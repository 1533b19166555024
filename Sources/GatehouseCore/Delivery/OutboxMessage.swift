import AWSWire
import CognitoModel
import Foundation
import GatehouseStorage

/// An email or SMS Gatehouse sends a user, as its outbox keeps it (the document of a
/// ``MessageRecord``): the texts, and what became of the delivery.
public struct OutboxMessage: JSONCodable, Sendable, Equatable {
    /// What became of a message.
    public enum Status: String, Sendable {
        /// Kept in the outbox only: no transport is configured for its medium.
        case stored = "STORED"
        /// Handed to a transport, which has not answered yet.
        case pending = "PENDING"
        case sent = "SENT"
        /// The transport refused it or could not be reached; ``OutboxMessage/detail`` says why.
        case failed = "FAILED"
    }

    public var medium: DeliveryMediumType
    public var to: String
    /// The sender of an email (the pool's EmailConfiguration), `nil` for SMS.
    public var from: String?
    public var replyTo: String?
    /// The subject of an email, `nil` for SMS.
    public var subject: String?
    public var body: String
    /// Why it was sent: SignUp, ForgotPassword, AdminCreateUser, …
    public var trigger: String
    /// The user it was sent to, as shown to clients.
    public var username: String
    public var status: Status
    public var detail: String?

    public init(medium: DeliveryMediumType, to: String, from: String? = nil, replyTo: String? = nil, subject: String? = nil,
                body: String, trigger: String, username: String, status: Status = .stored, detail: String? = nil) {
        self.medium = medium
        self.to = to
        self.from = from
        self.replyTo = replyTo
        self.subject = subject
        self.body = body
        self.trigger = trigger
        self.username = username
        self.status = status
        self.detail = detail
    }

    public init(json: JSONNode) throws(JSONDecodeFailure) {
        guard case .object(let members) = json else { throw JSONDecodeFailure(expected: "structure") }
        self.init(medium: .email, to: "", body: "", trigger: "", username: "")
        for (key, value) in members {
            switch key {
            case "Medium": medium = try DeliveryMediumType(json: value)
            case "To": to = try String(json: value)
            case "From": from = try String(json: value)
            case "ReplyTo": replyTo = try String(json: value)
            case "Subject": subject = try String(json: value)
            case "Body": body = try String(json: value)
            case "Trigger": trigger = try String(json: value)
            case "Username": username = try String(json: value)
            case "Status": status = Status(rawValue: try String(json: value)) ?? .failed
            case "Detail": detail = try String(json: value)
            default: break
            }
        }
    }

    /// The message as it is stored.
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(to: &writer)
        writer.endObject()
    }

    /// The message's members, for an object that shows them beside others (the outbox endpoint).
    public func writeMembers(to writer: inout JSONWriter) {
        writer.member("Medium", medium)
        writer.member("To", to)
        if let from { writer.member("From", from) }
        if let replyTo { writer.member("ReplyTo", replyTo) }
        if let subject { writer.member("Subject", subject) }
        writer.member("Body", body)
        writer.member("Trigger", trigger)
        writer.member("Username", username)
        writer.member("Status", status.rawValue)
        if let detail { writer.member("Detail", detail) }
    }

    /// The message with `secret` (a code, a temporary password) replaced in its texts, as the
    /// outbox keeps it outside development mode.
    public func redacting(_ secret: String) -> OutboxMessage {
        var copy = self
        copy.body = body.replacingOccurrences(of: secret, with: "[redacted]")
        copy.subject = subject?.replacingOccurrences(of: secret, with: "[redacted]")
        return copy
    }
}
