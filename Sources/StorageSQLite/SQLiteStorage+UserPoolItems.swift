import Foundation
import GRDB
import GatehouseStorage

extension SQLiteStorage {
    /// Checks the pool in the same transaction as the insert; the foreign key keeps a pool deleted
    /// later from leaving the record behind.
    public func insertUserPoolItem(_ item: UserPoolItemRecord) async throws {
        try await write(queued: true) { db in
            try Self.requirePool(item.userPoolID, db)
            try db.cachedStatement(sql: """
                INSERT INTO user_pool_items (user_pool_id, kind, key, name, creation_date, last_modified_date, document)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [item.userPoolID, item.kind.rawValue, item.key, item.name,
                                         item.creationDate.millisecondsSince1970,
                                         item.lastModifiedDate.millisecondsSince1970, item.document])
        }
    }

    /// App clients and signing keys are kept in memory while no change to a pool or kept item is
    /// announced (``SQLiteChangeCount``).
    public func userPoolItem(userPoolID: String, kind: UserPoolItemKind, key: String) async throws -> UserPoolItemRecord? {
        let read = {
            try self.read { db in
                try Self.items(db.cachedStatement(sql: "SELECT \(Self.itemColumns) FROM user_pool_items WHERE user_pool_id = ? AND kind = ? AND key = ?"),
                               [userPoolID, kind.rawValue, key], db).first
            }
        }
        switch kind {
        case .client: return try kept(in: clients, key, where: { $0.userPoolID == userPoolID }, read: read)
        case .signingKeys: return try kept(in: signingKeys, Self.signingKeysKey(userPoolID, key), read: read)
        default: return try read()
        }
    }

    /// App clients are kept in memory while no change to a pool or kept item is announced (``SQLiteChangeCount``).
    public func userPoolItem(kind: UserPoolItemKind, key: String) async throws -> UserPoolItemRecord? {
        let read = {
            try self.read { db in
                try Self.items(db.cachedStatement(sql: "SELECT \(Self.itemColumns) FROM user_pool_items WHERE kind = ? AND key = ? LIMIT 1"),
                               [kind.rawValue, key], db).first
            }
        }
        guard kind == .client else { return try read() }
        return try kept(in: clients, key, read: read)
    }

    public func updateUserPoolItem(userPoolID: String, kind: UserPoolItemKind, key: String,
                                   _ change: @escaping @Sendable (inout UserPoolItemRecord) throws -> Void) async throws -> UserPoolItemRecord {
        try await announcing(kind, userPoolID: userPoolID, key: key) { try await updateItem(userPoolID: userPoolID, kind: kind, key: key, change) }
    }

    private func updateItem(userPoolID: String, kind: UserPoolItemKind, key: String,
                            _ change: @escaping @Sendable (inout UserPoolItemRecord) throws -> Void) async throws -> UserPoolItemRecord {
        try await write { db in
            guard let stored = try Self.items(
                db.cachedStatement(sql: "SELECT \(Self.itemColumns) FROM user_pool_items WHERE user_pool_id = ? AND kind = ? AND key = ?"),
                [userPoolID, kind.rawValue, key], db).first else { throw StorageError.notFound }
            var item = stored
            try change(&item)
            try db.cachedStatement(sql: """
                UPDATE user_pool_items SET name = ?, last_modified_date = ?, document = ?
                WHERE user_pool_id = ? AND kind = ? AND key = ?
                """).execute(arguments: [item.name, item.lastModifiedDate.millisecondsSince1970, item.document,
                                         userPoolID, kind.rawValue, key])
            return UserPoolItemRecord(userPoolID: userPoolID, kind: kind, key: key, name: item.name, creationDate: stored.creationDate,
                                      lastModifiedDate: item.lastModifiedDate.roundedToMilliseconds, document: item.document)
        }
    }

    public func deleteUserPoolItem(userPoolID: String, kind: UserPoolItemKind, key: String) async throws {
        try await announcing(kind, userPoolID: userPoolID, key: key) {
            try await write { db in
                try db.cachedStatement(sql: "DELETE FROM user_pool_items WHERE user_pool_id = ? AND kind = ? AND key = ?")
                    .execute(arguments: [userPoolID, kind.rawValue, key])
                if db.changesCount == 0 { throw StorageError.notFound }
            }
        }
    }

    public func userPoolItems(userPoolID: String, kind: UserPoolItemKind, after: String?, limit: Int) async throws -> Page<UserPoolItemRecord> {
        let limit = max(limit, 1)
        return try read { db in
            let items = try Self.items(
                db.cachedStatement(sql: """
                    SELECT \(Self.itemColumns) FROM user_pool_items
                    WHERE user_pool_id = ? AND kind = ? AND key > ? ORDER BY key LIMIT ?
                    """), [userPoolID, kind.rawValue, after ?? "", limit + 1], db)
            return Page(reading: items, limit: limit, cursor: \.key)
        }
    }

    public func userPoolItems(kind: UserPoolItemKind, key: String, afterUserPool after: String?,
                              limit: Int) async throws -> Page<UserPoolItemRecord> {
        let limit = max(limit, 1)
        return try read { db in
            let items = try Self.items(
                db.cachedStatement(sql: """
                    SELECT \(Self.itemColumns) FROM user_pool_items
                    WHERE kind = ? AND key = ? AND user_pool_id > ? ORDER BY user_pool_id LIMIT ?
                    """), [kind.rawValue, key, after ?? "", limit + 1], db)
            return Page(reading: items, limit: limit, cursor: \.userPoolID)
        }
    }

    /// The columns ``items(_:_:_:)`` reads, by position.
    static let itemColumns = "user_pool_id, kind, key, name, creation_date, last_modified_date, document"

    /// The items `statement` selects (``itemColumns``), with `arguments` bound.
    static func items(_ statement: Statement, _ arguments: StatementArguments, _ db: Database) throws -> [UserPoolItemRecord] {
        try SQLiteRowReader.all(statement, arguments: arguments, in: db) { row in
            UserPoolItemRecord(userPoolID: row.text(0), kind: UserPoolItemKind(rawValue: row.text(1)), key: row.text(2), name: row.text(3),
                               creationDate: Date(millisecondsSince1970: row.integer(4)),
                               lastModifiedDate: Date(millisecondsSince1970: row.integer(5)), document: row.blob(6))
        }
    }
}
