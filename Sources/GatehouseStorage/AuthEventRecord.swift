import Foundation

/// One of a user's authentication events (a sign-in, a sign-up, a password change …) that threat
/// protection recorded, as stored: the columns a store looks up and orders by, and the event as a
/// document that only the domain reads.
public struct AuthEventRecord: Sendable, Equatable {
    public let userPoolID: String
    /// The key of the user the event belongs to (``UserRecord/key``); the event is deleted with that user.
    public let userKey: String
    /// The EventId; unique among the user's events (compared byte for byte); never changes.
    public let eventID: String
    /// Lists are newest first by this date, then by event id; never changes.
    public let creationDate: Date
    /// Whether later risk decisions compare with the event (the domain decides which): the user's
    /// baseline events are listed apart, through an index of their own, however many others it has.
    public var isBaseline: Bool
    /// The event's outcome, risk and feedback, encoded by the domain.
    public var document: Data

    public init(userPoolID: String, userKey: String, eventID: String, creationDate: Date, isBaseline: Bool, document: Data) {
        self.userPoolID = userPoolID
        self.userKey = userKey
        self.eventID = eventID
        self.creationDate = creationDate
        self.isBaseline = isBaseline
        self.document = document
    }

    /// Where an event stands in its user's list: what ``AuthEventStore/authEvents(userPoolID:userKey:baselineOnly:before:limit:)``
    /// continues from.
    public struct Position: Sendable, Equatable {
        public let creationDate: Date
        public let eventID: String

        public init(creationDate: Date, eventID: String) {
            self.creationDate = creationDate
            self.eventID = eventID
        }
    }

    public var position: Position { Position(creationDate: creationDate, eventID: eventID) }
}
