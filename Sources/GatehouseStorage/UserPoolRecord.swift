import Foundation

/// A user pool as stored: the columns a store looks up by, and the pool's settings as one document
/// that only the domain reads (the store never interprets it).
public struct UserPoolRecord: Sendable, Equatable {
    /// `<region>_<suffix>`; never changes.
    public let id: String
    /// The region the pool was created in; lists are per region.
    public let region: String
    public var name: String
    public let creationDate: Date
    public var lastModifiedDate: Date
    /// The pool's settings, encoded by the domain.
    public var document: Data

    public init(id: String, region: String, name: String, creationDate: Date, lastModifiedDate: Date, document: Data) {
        self.id = id
        self.region = region
        self.name = name
        self.creationDate = creationDate
        self.lastModifiedDate = lastModifiedDate
        self.document = document
    }
}
