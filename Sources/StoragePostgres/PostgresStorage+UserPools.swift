import Foundation
import GatehouseStorage
import Logging
import PostgresNIO

extension PostgresStorage {
    public func insertUserPool(_ pool: UserPoolRecord) async throws {
        try await self.perform {
            _ = try await self.client.query(
                """
                INSERT INTO user_pools (id, region, name, creation_date, last_modified_date, document, summary, version)
                VALUES (\(pool.id), \(pool.region), \(pool.name), \(pool.creationDate.millisecondsSince1970),
                        \(pool.lastModifiedDate.millisecondsSince1970), \(pool.document), \(pool.summary), \(Int64(1)))
                """,
                logger: self.logger
            ).collect()
        }
    }

    /// Kept in memory while no change to a pool or client is announced (``PostgresStorage/changeCount()``).
    public func userPool(id: String) async throws -> UserPoolRecord? {
        let count = try await self.changeCount()
        if let kept = self.pools.value(for: id, count: count) { return kept }
        let record = try await self.perform {
            let rows = try await self.client.query(
                "SELECT \(unescaped: Self.userPoolColumns) FROM user_pools WHERE id = \(id)",
                logger: self.logger
            ).collect()
            return try rows.first.map { try Self.decodeUserPool($0) }
        }
        if let record { self.pools.remember(record, for: id, count: count) }
        return record
    }

    /// Concurrent updates of one pool by this process run in batches (``UpdateBatches``), each one
    /// transaction: `SELECT … FOR NO KEY UPDATE` locks the row, so updates by other processes wait
    /// for each other instead of redoing each other's work (a compare-and-swap loop did: 32 writers
    /// of one pool, 137 updates/s with p99 1.24 s), while rows that refer to the pool (its users,
    /// items, messages) can still be added. Only `name`, `last_modified_date`, `document` and
    /// `summary` are written, once a batch, and nothing when they did not change; `version` still
    /// counts the writes, as processes of earlier releases compare it. Each batch is announced to
    /// every process before it returns (``announcing(forget:_:)``).
    public func updateUserPool(
        id: String,
        _ change: @escaping @Sendable (inout UserPoolRecord) throws -> Void
    ) async throws -> UserPoolRecord {
        try await self.poolUpdates.update(id, change) { changes in
            try await self.announcing(forget: { self.forget(id) }) {
                try await self.perform {
                    try await self.client.withTransaction(logger: self.logger) { connection in
                        let current = try await self.heldPool(id, "FOR NO KEY UPDATE", on: connection)
                        let (written, results) = UpdateBatches.apply(changes, to: current) { changed in
                            UserPoolRecord(id: current.id, region: current.region, name: changed.name, creationDate: current.creationDate,
                                           lastModifiedDate: Date(millisecondsSince1970: changed.lastModifiedDate.millisecondsSince1970),
                                           document: changed.document, summary: changed.summary)
                        }
                        guard written != current else { return results }
                        _ = try await connection.query(
                            """
                            UPDATE user_pools
                            SET name = \(written.name),
                                last_modified_date = \(written.lastModifiedDate.millisecondsSince1970),
                                document = \(written.document),
                                summary = \(written.summary),
                                version = version + 1
                            WHERE id = \(id)
                            """,
                            logger: self.logger
                        ).collect()
                        return results
                    }
                }
            }
        }
    }

    /// The pool `id`, read on `connection` and held by `lock` (`FOR UPDATE`, `FOR NO KEY UPDATE`)
    /// until the transaction ends.
    /// - Throws: ``StorageError/notFound`` when it does not exist.
    private func heldPool(_ id: String, _ lock: String, on connection: PostgresConnection) async throws -> UserPoolRecord {
        let rows = try await connection.query(
            "SELECT \(unescaped: Self.userPoolColumns) FROM user_pools WHERE id = \(id) \(unescaped: lock)", logger: self.logger
        ).collect()
        guard let row = rows.first else { throw StorageError.notFound }
        return try Self.decodeUserPool(row)
    }

    /// Forgets here what is kept of the pool `id` (its count of users too: a pool deleted and made
    /// again under its id has none).
    private func forget(_ id: String) {
        self.pools.forget(id)
        self.userCounts.forget(id)
    }

    /// One transaction: `SELECT … FOR UPDATE` locks the row, so no update or delete can come between
    /// the check and the `DELETE`.
    public func deleteUserPool(id: String, check: @escaping @Sendable (UserPoolRecord) throws -> Void) async throws {
        try await self.announcing(forget: { self.forget(id) }) {
            try await self.perform {
                try await self.client.withTransaction(logger: self.logger) { connection in
                    try check(try await self.heldPool(id, "FOR UPDATE", on: connection))
                    _ = try await connection.query(
                        "DELETE FROM user_pools WHERE id = \(id)",
                        logger: self.logger
                    ).collect()
                }
            }
        }
    }

    /// One statement; the foreign keys' cascades delete the rest in it. Every process forgets what
    /// it cached (the change is announced).
    public func deleteAllUserPools() async throws -> Int {
        try await self.announcing(forget: {
            for cache in [self.pools.forgetAll, self.clients.forgetAll, self.signingKeys.forgetAll, self.userCounts.forgetAll] { cache() }
        }) {
            try await self.perform {
                try await self.client.query("DELETE FROM user_pools RETURNING id", logger: self.logger).collect().count
            }
        }
    }

    /// `LIMIT limit + 1`: the extra row, never returned, tells whether another page follows.
    public func userPools(region: String, after: String?, limit: Int) async throws -> Page<UserPoolSummary> {
        let limit = max(limit, 1)
        return try await self.perform {
            let rows: [PostgresRow]
            if let after {
                rows = try await self.client.query(
                    """
                    SELECT \(unescaped: Self.summaryColumns) FROM user_pools
                    WHERE region = \(region) AND id > \(after)
                    ORDER BY id LIMIT \(limit + 1)
                    """,
                    logger: self.logger
                ).collect()
            } else {
                rows = try await self.client.query(
                    """
                    SELECT \(unescaped: Self.summaryColumns) FROM user_pools
                    WHERE region = \(region)
                    ORDER BY id LIMIT \(limit + 1)
                    """,
                    logger: self.logger
                ).collect()
            }
            let items = try rows.prefix(limit).map(Self.decodeSummary)
            let nextCursor = rows.count > limit ? items.last?.id : nil
            return Page(items: items, nextCursor: nextCursor)
        }
    }

    // MARK: - Rows

    /// The columns ``decodeUserPool(_:)`` reads, in its order. A constant, never a value.
    static let userPoolColumns = "id, region, name, creation_date, last_modified_date, document, summary"

    static func decodeUserPool(_ row: PostgresRow) throws -> UserPoolRecord {
        let (id, region, name, creationDate, lastModifiedDate, document, summary) =
            try row.decode((String, String, String, Int64, Int64, Data, Data).self)
        return UserPoolRecord(
            id: id,
            region: region,
            name: name,
            creationDate: Date(millisecondsSince1970: creationDate),
            lastModifiedDate: Date(millisecondsSince1970: lastModifiedDate),
            document: document,
            summary: summary
        )
    }

    /// The columns ``decodeSummary(_:)`` reads, in its order. A constant, never a value.
    static let summaryColumns = "id, name, creation_date, last_modified_date, summary"

    static func decodeSummary(_ row: PostgresRow) throws -> UserPoolSummary {
        let (id, name, creationDate, lastModifiedDate, summary) = try row.decode((String, String, Int64, Int64, Data).self)
        return UserPoolSummary(id: id, name: name, creationDate: Date(millisecondsSince1970: creationDate),
                               lastModifiedDate: Date(millisecondsSince1970: lastModifiedDate), summary: summary)
    }
}

extension Date {
    /// Milliseconds since 1970, rounded to the nearest; how every date is stored.
    var millisecondsSince1970: Int64 {
        Int64((self.timeIntervalSince1970 * 1000).rounded())
    }

    init(millisecondsSince1970 milliseconds: Int64) {
        self.init(timeIntervalSince1970: TimeInterval(milliseconds) / 1000)
    }
}
