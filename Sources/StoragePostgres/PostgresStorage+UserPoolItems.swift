import Foundation
import GatehouseStorage
import Logging
import PostgresNIO

extension PostgresStorage {
    /// The foreign key makes the insert fail (``StorageError/notFound``) when the pool does not
    /// exist, or is deleted at the same time.
    public func insertUserPoolItem(_ item: UserPoolItemRecord) async throws {
        try await self.perform {
            _ = try await self.client.query(
                """
                INSERT INTO user_pool_items (user_pool_id, kind, key, name, creation_date, last_modified_date, document, version)
                VALUES (\(item.userPoolID), \(item.kind.rawValue), \(item.key), \(item.name),
                        \(item.creationDate.millisecondsSince1970), \(item.lastModifiedDate.millisecondsSince1970),
                        \(item.document), \(Int64(1)))
                """,
                logger: self.logger
            ).collect()
        }
    }

    /// App clients and signing keys are kept in memory while no change to a pool or kept item is
    /// announced (``PostgresStorage/changeCount()``).
    public func userPoolItem(userPoolID: String, kind: UserPoolItemKind, key: String) async throws -> UserPoolItemRecord? {
        let fetch = { @Sendable in try await self.fetchItem(userPoolID: userPoolID, kind: kind, key: key) }
        switch kind {
        case .client: return try await self.kept(in: self.clients, key, where: { $0.userPoolID == userPoolID }, fetch: fetch)
        case .signingKeys: return try await self.kept(in: self.signingKeys, userPoolID + "\u{0}" + key, fetch: fetch)
        default: return try await self.perform(fetch)
        }
    }

    /// App clients are kept in memory while no change to a pool or kept item is announced (``PostgresStorage/changeCount()``).
    public func userPoolItem(kind: UserPoolItemKind, key: String) async throws -> UserPoolItemRecord? {
        let fetch = { @Sendable in
            let rows = try await self.client.query(
                "SELECT \(unescaped: Self.itemColumns) FROM user_pool_items WHERE kind = \(kind.rawValue) AND key = \(key) LIMIT 1",
                logger: self.logger
            ).collect()
            return try rows.first.map(Self.decodeItem)
        }
        guard kind == .client else { return try await self.perform(fetch) }
        return try await self.kept(in: self.clients, key, fetch: fetch)
    }

    /// The item `cache` keeps for `key` at the current change count if `matches` it, else as `fetch` reads it.
    private func kept(in cache: ChangeCountedCache<String, UserPoolItemRecord>, _ key: String,
                      where matches: (UserPoolItemRecord) -> Bool = { _ in true },
                      fetch: @escaping @Sendable () async throws -> UserPoolItemRecord?) async throws -> UserPoolItemRecord? {
        let count = try await self.changeCount()
        if let kept = cache.value(for: key, count: count), matches(kept) { return kept }
        let record = try await self.perform(fetch)
        if let record { cache.remember(record, for: key, count: count) }
        return record
    }

    /// Runs `write`, of the item `key` of kind `kind`, announced (``announcing(forget:_:)``) if
    /// that kind is kept.
    private func announcing<Result: Sendable>(_ kind: UserPoolItemKind, userPoolID: String, key: String,
                                              _ write: () async throws -> Result) async throws -> Result {
        switch kind {
        case .client: return try await self.announcing(forget: { self.clients.forget(key) }, write)
        case .signingKeys: return try await self.announcing(forget: { self.signingKeys.forget(userPoolID + "\u{0}" + key) }, write)
        default: return try await write()
        }
    }

    /// One transaction holding the item's row (`SELECT … FOR NO KEY UPDATE`), as
    /// ``updateUserPool(id:_:)`` holds a pool's: `change` runs once, nothing is written when nothing
    /// changed, and `version` still counts the writes. A write of a kept kind (clients, signing keys)
    /// is announced to every process before it returns (``announcing(forget:_:)``).
    public func updateUserPoolItem(userPoolID: String, kind: UserPoolItemKind, key: String,
                                   _ change: @escaping @Sendable (inout UserPoolItemRecord) throws -> Void) async throws -> UserPoolItemRecord {
        try await self.announcing(kind, userPoolID: userPoolID, key: key) {
            try await self.perform {
                try await self.client.withTransaction(logger: self.logger) { connection in
                    let rows = try await connection.query(
                        """
                        SELECT \(unescaped: Self.itemColumns) FROM user_pool_items
                        WHERE user_pool_id = \(userPoolID) AND kind = \(kind.rawValue) AND key = \(key) FOR NO KEY UPDATE
                        """,
                        logger: self.logger
                    ).collect()
                    guard let current = try rows.first.map({ try Self.decodeItem($0) }) else {
                        throw StorageError.notFound
                    }
                    var changed = current
                    try change(&changed)
                    let written = UserPoolItemRecord(
                        userPoolID: userPoolID, kind: kind, key: key, name: changed.name, creationDate: current.creationDate,
                        lastModifiedDate: Date(millisecondsSince1970: changed.lastModifiedDate.millisecondsSince1970),
                        document: changed.document)
                    guard written != current else { return current }
                    _ = try await connection.query(
                        """
                        UPDATE user_pool_items
                        SET name = \(written.name), last_modified_date = \(written.lastModifiedDate.millisecondsSince1970),
                            document = \(written.document), version = version + 1
                        WHERE user_pool_id = \(userPoolID) AND kind = \(kind.rawValue) AND key = \(key)
                        """,
                        logger: self.logger
                    ).collect()
                    return written
                }
            }
        }
    }

    public func deleteUserPoolItem(userPoolID: String, kind: UserPoolItemKind, key: String) async throws {
        try await self.announcing(kind, userPoolID: userPoolID, key: key) {
            try await self.perform {
                let deleted = try await self.client.query(
                    """
                    DELETE FROM user_pool_items WHERE user_pool_id = \(userPoolID) AND kind = \(kind.rawValue) AND key = \(key)
                    RETURNING key
                    """,
                    logger: self.logger
                ).collect()
                if deleted.isEmpty { throw StorageError.notFound }
            }
        }
    }

    /// `LIMIT limit + 1`: the extra row, never returned, tells whether another page follows.
    public func userPoolItems(userPoolID: String, kind: UserPoolItemKind, after: String?, limit: Int) async throws -> Page<UserPoolItemRecord> {
        let limit = max(limit, 1)
        return try await self.perform {
            let rows = try await self.client.query(
                """
                SELECT \(unescaped: Self.itemColumns) FROM user_pool_items
                WHERE user_pool_id = \(userPoolID) AND kind = \(kind.rawValue) AND key > \(after ?? "")
                ORDER BY key LIMIT \(limit + 1)
                """,
                logger: self.logger
            ).collect()
            let items = try rows.prefix(limit).map { try Self.decodeItem($0) }
            return Page(items: items, nextCursor: rows.count > limit ? items.last?.key : nil)
        }
    }

    public func userPoolItems(kind: UserPoolItemKind, key: String, afterUserPool after: String?,
                              limit: Int) async throws -> Page<UserPoolItemRecord> {
        let limit = max(limit, 1)
        return try await self.perform {
            let rows = try await self.client.query(
                """
                SELECT \(unescaped: Self.itemColumns) FROM user_pool_items
                WHERE kind = \(kind.rawValue) AND key = \(key) AND user_pool_id > \(after ?? "")
                ORDER BY user_pool_id LIMIT \(limit + 1)
                """,
                logger: self.logger
            ).collect()
            let items = try rows.prefix(limit).map { try Self.decodeItem($0) }
            return Page(items: items, nextCursor: rows.count > limit ? items.last?.userPoolID : nil)
        }
    }

    private func fetchItem(userPoolID: String, kind: UserPoolItemKind, key: String) async throws -> UserPoolItemRecord? {
        let rows = try await self.client.query(
            """
            SELECT \(unescaped: Self.itemColumns) FROM user_pool_items
            WHERE user_pool_id = \(userPoolID) AND kind = \(kind.rawValue) AND key = \(key)
            """,
            logger: self.logger
        ).collect()
        return try rows.first.map(Self.decodeItem)
    }

    /// The columns ``decodeItem(_:)`` reads, in its order. A constant, never a value.
    static let itemColumns = "user_pool_id, kind, key, name, creation_date, last_modified_date, document"

    static func decodeItem(_ row: PostgresRow) throws -> UserPoolItemRecord {
        let (userPoolID, kind, key, name, creationDate, lastModifiedDate, document) =
            try row.decode((String, String, String, String, Int64, Int64, Data).self)
        return UserPoolItemRecord(userPoolID: userPoolID, kind: UserPoolItemKind(rawValue: kind), key: key, name: name,
                                  creationDate: Date(millisecondsSince1970: creationDate),
                                  lastModifiedDate: Date(millisecondsSince1970: lastModifiedDate), document: document)
    }
}
