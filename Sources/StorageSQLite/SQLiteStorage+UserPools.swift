import Foundation
import GRDB
import GatehouseStorage

extension SQLiteStorage {
    public func insertUserPool(_ pool: UserPoolRecord) async throws {
        try await write(queued: true) { db in
            try db.cachedStatement(sql: """
                INSERT INTO user_pools (id, region, name, creation_date, last_modified_date, document, summary)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [pool.id, pool.region, pool.name, pool.creationDate.millisecondsSince1970,
                            pool.lastModifiedDate.millisecondsSince1970, pool.document, pool.summary])
        }
    }

    /// Pools are kept in memory while no change to a pool or kept item is announced (``SQLiteChangeCount``).
    public func userPool(id: String) async throws -> UserPoolRecord? {
        try kept(in: pools, id) { try read { db in try Self.fetchPool(db, id: id) } }
    }

    public func updateUserPool(id: String, _ change: @escaping @Sendable (inout UserPoolRecord) throws -> Void) async throws -> UserPoolRecord {
        try await announcing(forget: { pools.forget(id) }) { try await updatePool(id: id, change) }
    }

    private func updatePool(id: String, _ change: @escaping @Sendable (inout UserPoolRecord) throws -> Void) async throws -> UserPoolRecord {
        try await write { db in
            guard let stored = try Self.fetchPool(db, id: id) else { throw StorageError.notFound }
            var pool = stored
            try change(&pool)
            try db.cachedStatement(sql: "UPDATE user_pools SET name = ?, last_modified_date = ?, document = ?, summary = ? WHERE id = ?")
                .execute(arguments: [pool.name, pool.lastModifiedDate.millisecondsSince1970, pool.document, pool.summary, id])
            return UserPoolRecord(id: stored.id, region: stored.region, name: pool.name, creationDate: stored.creationDate,
                                  lastModifiedDate: pool.lastModifiedDate.roundedToMilliseconds,
                                  document: pool.document, summary: pool.summary)
        }
    }

    /// Its app clients and signing keys go with it (foreign keys), so every kept record is
    /// announced as changed.
    public func deleteUserPool(id: String, check: @escaping @Sendable (UserPoolRecord) throws -> Void) async throws {
        try await announcing(forget: { pools.forget(id) }) {
            try await write { db in
                guard let pool = try Self.fetchPool(db, id: id) else { throw StorageError.notFound }
                try check(pool)
                try db.cachedStatement(sql: "DELETE FROM user_pools WHERE id = ?").execute(arguments: [id])
            }
        }
    }

    /// One statement; the foreign keys' cascades delete the rest in its transaction, on the write
    /// queue's thread (a large store takes a while).
    public func deleteAllUserPools() async throws -> Int {
        try await announcing(forget: { [pools, clients, signingKeys] in
            pools.forgetAll()
            clients.forgetAll()
            signingKeys.forgetAll()
        }) {
            try await write(queued: true) { db in
                try db.execute(sql: "DELETE FROM user_pools")
                return db.changesCount
            }
        }
    }

    /// Reads the range of ids that begin with `<region>_` (``UserPoolRecord/id``), which the
    /// primary key holds in order: from after `after` (or the range's start) to `<region>` and the
    /// character after `_`.
    public func userPools(region: String, after: String?, limit: Int) async throws -> Page<UserPoolSummary> {
        let start = max(after ?? "", region + "_")
        return try read { db in
            let rows = try Row.fetchCursor(
                db.cachedStatement(sql: """
                    SELECT id, name, creation_date, last_modified_date, summary FROM user_pools
                    WHERE id > ? AND id < ? AND region = ? ORDER BY id LIMIT ?
                    """),
                arguments: [start, region + "`", region, limit + 1])
            var pools: [UserPoolSummary] = []
            pools.reserveCapacity(limit + 1)
            while let row = try rows.next() {
                pools.append(UserPoolSummary(id: row[0], name: row[1], creationDate: Date(millisecondsSince1970: row[2]),
                                             lastModifiedDate: Date(millisecondsSince1970: row[3]), summary: row[4]))
            }
            let more = pools.count > limit
            if more { pools.removeLast() }
            return Page(items: pools, nextCursor: more ? pools.last?.id : nil)
        }
    }

    /// Throws ``StorageError/notFound`` unless the pool exists: what an insert of a record that
    /// belongs to a pool checks first, in its own transaction (the foreign key guards it after).
    static func requirePool(_ id: String, _ db: Database) throws {
        guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM user_pools WHERE id = ?"), arguments: [id]) != nil else {
            throw StorageError.notFound
        }
    }

    static func fetchPool(_ db: Database, id: String) throws -> UserPoolRecord? {
        try SQLiteRowReader.all(db.cachedStatement(sql: """
            SELECT id, region, name, creation_date, last_modified_date, document, summary FROM user_pools WHERE id = ?
            """), arguments: [id], in: db) { row in
            UserPoolRecord(id: row.text(0), region: row.text(1), name: row.text(2),
                           creationDate: Date(millisecondsSince1970: row.integer(3)),
                           lastModifiedDate: Date(millisecondsSince1970: row.integer(4)),
                           document: row.blob(5), summary: row.blob(6))
        }.first
    }
}
