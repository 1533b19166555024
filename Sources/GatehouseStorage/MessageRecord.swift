import Foundation

/// A message Gatehouse sends a user, as its outbox keeps it: an email or SMS, with what became of
/// its delivery. The domain encodes the message (medium, texts, delivery status) in `document`.
public struct MessageRecord: Sendable, Equatable {
    /// Unique, and ordered as the messages were created: later messages have greater ids (byte order).
    public let id: String
    /// The pool whose user the message is for; the message is deleted with the pool.
    public let userPoolID: String
    /// The email address or phone number the message goes to.
    public let recipient: String
    public let creationDate: Date
    /// The message and its delivery, encoded by the domain.
    public var document: Data

    public init(id: String, userPoolID: String, recipient: String, creationDate: Date, document: Data) {
        self.id = id
        self.userPoolID = userPoolID
        self.recipient = recipient
        self.creationDate = creationDate
        self.document = document
    }
}
