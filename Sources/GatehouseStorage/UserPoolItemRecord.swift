import Foundation

/// What kind of record a ``UserPoolItemRecord`` is. Each kind has keys of its own.
public struct UserPoolItemKind: RawRepresentable, Hashable, Sendable {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// App clients, keyed by client id.
    public static let client = UserPoolItemKind(rawValue: "client")
    /// Groups, keyed by group name.
    public static let group = UserPoolItemKind(rawValue: "group")
    /// The pool's token signing keys, sealed; one record.
    public static let signingKeys = UserPoolItemKind(rawValue: "signing-keys")
    /// The pool's prefix domain, keyed by the prefix; at most one per pool.
    public static let domain = UserPoolItemKind(rawValue: "domain")
    /// The pool's custom domain, keyed by the domain name; at most one per pool.
    public static let customDomain = UserPoolItemKind(rawValue: "custom-domain")
    /// Resource servers, keyed by their Identifier.
    public static let resourceServer = UserPoolItemKind(rawValue: "resource-server")
    /// SetUICustomization's branding, keyed by the client id, or `ALL` for the pool's.
    public static let uiCustomization = UserPoolItemKind(rawValue: "ui-customization")
    /// Managed login branding styles, keyed by their app client (one each).
    public static let managedLoginBranding = UserPoolItemKind(rawValue: "managed-login-branding")
    /// SetRiskConfiguration's settings, keyed by the client id, or `ALL` for the pool's.
    public static let riskConfiguration = UserPoolItemKind(rawValue: "risk-configuration")
    /// SetLogDeliveryConfiguration's log configurations; one record, keyed `ALL`.
    public static let logDelivery = UserPoolItemKind(rawValue: "log-delivery")
    /// Terms documents, keyed by `<client id>/<terms name>` (a client has one of each name).
    public static let terms = UserPoolItemKind(rawValue: "terms")

    /// The kinds whose keys no two records share, whichever pools they belong to, and of which a
    /// pool has at most one record: ``domain`` and ``customDomain``. The store enforces both
    /// (``UserPoolItemStore/insertUserPoolItem(_:)``).
    public static let domains: Set<UserPoolItemKind> = [.domain, .customDomain]
}

/// A record that belongs to a user pool (an app client, a group, …) as stored: the columns a store
/// looks up by, and the record's settings as a document that only the domain reads.
public struct UserPoolItemRecord: Sendable, Equatable {
    /// The pool the record belongs to; the record is deleted with it.
    public let userPoolID: String
    public let kind: UserPoolItemKind
    /// Unique within its pool and kind (compared byte for byte); never changes.
    public let key: String
    /// The name a list shows (a client's name; a group's name is its key).
    public var name: String
    public let creationDate: Date
    public var lastModifiedDate: Date
    /// The record's settings, encoded by the domain.
    public var document: Data

    public init(userPoolID: String, kind: UserPoolItemKind, key: String, name: String, creationDate: Date,
                lastModifiedDate: Date, document: Data) {
        self.userPoolID = userPoolID
        self.kind = kind
        self.key = key
        self.name = name
        self.creationDate = creationDate
        self.lastModifiedDate = lastModifiedDate
        self.document = document
    }
}
