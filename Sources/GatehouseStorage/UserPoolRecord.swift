import Foundation

/// A user pool as stored: the columns a store looks up by, and the pool's settings as documents
/// that only the domain reads (the store never interprets them).
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
    /// What a list of pools shows of the settings, encoded by the domain; the store returns it in
    /// lists (``UserPoolSummary``) so that a list reads neither the documents nor decodes them.
    public var summary: Data

    public init(id: String, region: String, name: String, creationDate: Date, lastModifiedDate: Date,
                document: Data, summary: Data) {
        self.id = id
        self.region = region
        self.name = name
        self.creationDate = creationDate
        self.lastModifiedDate = lastModifiedDate
        self.document = document
        self.summary = summary
    }

    /// What a list returns of this pool.
    public var listed: UserPoolSummary {
        UserPoolSummary(id: id, name: name, creationDate: creationDate, lastModifiedDate: lastModifiedDate, summary: summary)
    }
}

/// A user pool as a list returns it: its columns and its ``UserPoolRecord/summary``.
///
/// A pool stored before the store kept summaries has its whole document as its summary (each
/// engine's migration copies it), so the domain must read a summary from either.
public struct UserPoolSummary: Sendable, Equatable {
    public let id: String
    public let name: String
    public let creationDate: Date
    public let lastModifiedDate: Date
    public let summary: Data

    public init(id: String, name: String, creationDate: Date, lastModifiedDate: Date, summary: Data) {
        self.id = id
        self.name = name
        self.creationDate = creationDate
        self.lastModifiedDate = lastModifiedDate
        self.summary = summary
    }
}
