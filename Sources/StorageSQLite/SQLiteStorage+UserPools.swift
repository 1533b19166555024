import Foundation
import GRDB
import GatehouseStorage

extension SQLiteStorage {
    public func insertUserPool(_ pool: UserPoolRecord) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO user_pools (id, region, name, creation_date, last_modified_date, document)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [pool.id, pool.region, pool.name, pool.creationDate.millisecondsSince1970,
                            pool.lastModifiedDate.millisecondsSince1970, pool.document])
        }
    }

    public func userPool(id: String) async throws -> UserPoolRecord? {
        try await read { db in try Self.fetchPool(db, id: id) }
    }

    public func updateUserPool(id: String, _ change: @Sendable (inout UserPoolRecord) throws -> Void) async throws -> UserPoolRecord {
        try await withoutActuallyEscaping(change) { change in
            let change = UncheckedSendable(change)
            return try await write { db in
                guard let stored = try Self.fetchPool(db, id: id) else { throw StorageError.notFound }
                var pool = stored
                try change.value(&pool)
                try db.execute(
                    sql: "UPDATE user_pools SET name = ?, last_modified_date = ?, document = ? WHERE id = ?",
                    arguments: [pool.name, pool.lastModifiedDate.millisecondsSince1970, pool.document, id])
                return UserPoolRecord(id: stored.id, region: stored.region, name: pool.name, creationDate: stored.creationDate,
                                      lastModifiedDate: pool.lastModifiedDate.roundedToMilliseconds, document: pool.document)
            }
        }
    }

    public func deleteUserPool(id: String, check: @Sendable (UserPoolRecord) throws -> Void) async throws {
        try await withoutActuallyEscaping(check) { check in
            let check = UncheckedSendable(check)
            try await write { db in
                guard let pool = try Self.fetchPool(db, id: id) else { throw StorageError.notFound }
                try check.value(pool)
                try db.execute(sql: "DELETE FROM user_pools WHERE id = ?", arguments: [id])
            }
        }
    }

    public func userPools(region: String, after: String?, limit: Int) async throws -> Page<UserPoolRecord> {
        try await read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM user_pools WHERE region = ? AND id > ? ORDER BY id LIMIT ?
                    """,
                arguments: [region, after ?? "", limit + 1])
            let pools = rows.prefix(limit).map(Self.pool)
            return Page(items: pools, nextCursor: rows.count > limit ? pools.last?.id : nil)
        }
    }

    static func fetchPool(_ db: Database, id: String) throws -> UserPoolRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM user_pools WHERE id = ?", arguments: [id]).map(pool)
    }

    static func pool(_ row: Row) -> UserPoolRecord {
        UserPoolRecord(id: row["id"], region: row["region"], name: row["name"],
                       creationDate: Date(millisecondsSince1970: row["creation_date"]),
                       lastModifiedDate: Date(millisecondsSince1970: row["last_modified_date"]),
                       document: row["document"])
    }
}

/// Carries a non-escaping closure into GRDB's escaping, `@Sendable` write block, which runs it
/// before `write` returns: the closure never outlives the call it was passed to.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
