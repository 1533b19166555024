import Foundation

/// A name and a value a store indexes for a user: what ListUsers filters on, or a value no other
/// user of the pool may hold at the same time. The domain chooses the names and normalizes the
/// values (lowercases those compared case-insensitively); the store compares them byte for byte.
public struct UserValue: Sendable, Hashable {
    public let name: String
    public let value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A user of a pool as stored: the columns a store looks up by, the values it indexes, and the user
/// as a document that only the domain reads (attributes, status, credentials, …).
public struct UserRecord: Sendable, Equatable {
    /// The pool the user belongs to; the user is deleted with it.
    public let userPoolID: String
    /// How the pool finds the user by username: the username, or its lowercase form in a pool whose
    /// usernames are not case-sensitive (the domain decides). Unique in the pool; never changes.
    public let key: String
    /// Cognito's `sub`. Unique in the pool; never changes.
    public let sub: String
    public let creationDate: Date
    public var lastModifiedDate: Date
    /// The user, encoded by the domain.
    public var document: Data
    /// The values ListUsers filters on (``UserStore/users(userPoolID:filter:after:limit:)``).
    public var searchable: Set<UserValue>
    /// Values that no other user of the pool may hold at the same time (an alias, …).
    public var claims: Set<UserValue>

    public init(userPoolID: String, key: String, sub: String, creationDate: Date, lastModifiedDate: Date,
                document: Data, searchable: Set<UserValue> = [], claims: Set<UserValue> = []) {
        self.userPoolID = userPoolID
        self.key = key
        self.sub = sub
        self.creationDate = creationDate
        self.lastModifiedDate = lastModifiedDate
        self.document = document
        self.searchable = searchable
        self.claims = claims
    }
}

/// Which users a list returns: those with a searchable value of this name that equals `value`, or
/// that starts with it.
public struct UserFilter: Sendable, Equatable {
    public let name: String
    public let value: String
    public let prefix: Bool

    public init(name: String, value: String, prefix: Bool) {
        self.name = name
        self.value = value
        self.prefix = prefix
    }
}

extension UserFilter {
    /// For a prefix filter, the least string above every string that starts with `value`, in byte
    /// order (which UTF-8 shares with code point order): `value` with its last character replaced
    /// by the next one. `nil` when there is none (an empty prefix, or only U+10FFFF characters).
    public var prefixUpperBound: String? {
        var scalars = Array(value.unicodeScalars)
        while let last = scalars.popLast() {
            var next = last.value + 1
            if (0xD800...0xDFFF).contains(next) { next = 0xE000 }
            if let scalar = Unicode.Scalar(next) {
                var bound = String.UnicodeScalarView()
                bound.append(contentsOf: scalars)
                bound.append(scalar)
                return String(bound)
            }
        }
        return nil
    }
}

extension UserRecord {
    /// The user's searchable values and claims in one blob, which an engine keeps in the user's row
    /// beside the index rows it writes from them, so that reading a user reads one row. Each value
    /// is a tag byte (0 searchable, 1 claim), then the name and the value, each as a 4-byte
    /// big-endian length and UTF-8 bytes.
    public var indexedValues: Data {
        var data = Data()
        func append(_ text: String) {
            let bytes = Array(text.utf8)
            withUnsafeBytes(of: UInt32(bytes.count).bigEndian) { data.append(contentsOf: $0) }
            data.append(contentsOf: bytes)
        }
        for (tag, values) in [(UInt8(0), searchable), (UInt8(1), claims)] {
            for value in values.sorted(by: { ($0.name, $0.value) < ($1.name, $1.value) }) {
                data.append(tag)
                append(value.name)
                append(value.value)
            }
        }
        return data
    }

    /// The searchable values and claims of an ``indexedValues`` blob.
    /// - Throws: ``StorageError/engine(_:)`` when `data` is not one.
    public static func values(indexedValues data: Data) throws -> (searchable: Set<UserValue>, claims: Set<UserValue>) {
        let bytes = [UInt8](data)
        var index = 0
        func text() throws -> String {
            guard index + 4 <= bytes.count else { throw StorageError.engine("a user's indexed values are cut short") }
            let count = bytes[index..<index + 4].reduce(0) { $0 << 8 | Int($1) }
            index += 4
            guard index + count <= bytes.count, let text = String(validating: bytes[index..<index + count], as: UTF8.self) else {
                throw StorageError.engine("a user's indexed values are cut short")
            }
            index += count
            return text
        }
        var searchable: Set<UserValue> = [], claims: Set<UserValue> = []
        while index < bytes.count {
            let tag = bytes[index]
            index += 1
            let value = UserValue(name: try text(), value: try text())
            switch tag {
            case 0: searchable.insert(value)
            case 1: claims.insert(value)
            default: throw StorageError.engine("a user's indexed values have an unknown tag \(tag)")
            }
        }
        return (searchable, claims)
    }
}
