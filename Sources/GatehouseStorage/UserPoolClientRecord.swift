import Foundation

/// An app client of a user pool as stored: the columns a store looks up by, and the client's
/// settings as a document that only the domain reads.
public struct UserPoolClientRecord: Sendable, Equatable {
    /// The pool the client belongs to; the client is deleted with it.
    public let userPoolID: String
    /// Unique within its pool; never changes.
    public let clientID: String
    public var name: String
    public let creationDate: Date
    public var lastModifiedDate: Date
    /// The client's settings, encoded by the domain.
    public var document: Data

    public init(userPoolID: String, clientID: String, name: String, creationDate: Date, lastModifiedDate: Date, document: Data) {
        self.userPoolID = userPoolID
        self.clientID = clientID
        self.name = name
        self.creationDate = creationDate
        self.lastModifiedDate = lastModifiedDate
        self.document = document
    }

    /// What a list returns of this client.
    public var listed: UserPoolClientSummary {
        UserPoolClientSummary(clientID: clientID, name: name)
    }
}

/// An app client as a list of a pool's clients returns it.
public struct UserPoolClientSummary: Sendable, Equatable {
    public let clientID: String
    public let name: String

    public init(clientID: String, name: String) {
        self.clientID = clientID
        self.name = name
    }
}
