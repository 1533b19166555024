import Foundation
import GRDB
import GatehouseStorage

extension SQLiteStorage {
    public func insertUser(_ user: UserRecord) async throws {
        try await write(queued: true) { db in
            try Self.requirePool(user.userPoolID, db)
            try db.cachedStatement(sql: """
                INSERT INTO users (user_pool_id, key, sub, creation_date, last_modified_date, document, indexed_values)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [user.userPoolID, user.key, user.sub, user.creationDate.millisecondsSince1970,
                                         user.lastModifiedDate.millisecondsSince1970, user.document, user.indexedValues])
            try Self.insertValues(of: user, db)
        }
    }

    public func user(userPoolID: String, key: String) async throws -> UserRecord? {
        try readUsers("user_pool_id = ? AND key = ?", [userPoolID, key]).first
    }

    public func user(userPoolID: String, sub: String) async throws -> UserRecord? {
        try readUsers("user_pool_id = ? AND sub = ?", [userPoolID, sub]).first
    }

    public func user(userPoolID: String, claim: UserValue) async throws -> UserRecord? {
        try readUsers("""
            user_pool_id = ? AND key = (SELECT key FROM user_claims WHERE user_pool_id = ? AND name = ? AND value = ?)
            """, [userPoolID, userPoolID, claim.name, claim.value]).first
    }

    public func updateUser(userPoolID: String, key: String,
                           _ change: @escaping @Sendable (inout UserRecord) throws -> Void) async throws -> UserRecord {
        try await write { db in
            guard let stored = try Self.fetchUsers(db, "user_pool_id = ? AND key = ?", [userPoolID, key]).first else {
                throw StorageError.notFound
            }
            var user = stored
            try change(&user)
            let written = UserRecord(userPoolID: userPoolID, key: key, sub: stored.sub, creationDate: stored.creationDate,
                                     lastModifiedDate: user.lastModifiedDate.roundedToMilliseconds, document: user.document,
                                     searchable: user.searchable, claims: user.claims)
            guard written != stored else { return stored }  // a change that changed nothing writes nothing
            try db.cachedStatement(sql: """
                UPDATE users SET last_modified_date = ?, document = ?, indexed_values = ? WHERE user_pool_id = ? AND key = ?
                """).execute(arguments: [written.lastModifiedDate.millisecondsSince1970, written.document, written.indexedValues,
                                         userPoolID, key])
            // Each index is rewritten only when its values changed.
            if written.searchable != stored.searchable {
                try db.cachedStatement(sql: "DELETE FROM user_search_values WHERE user_pool_id = ? AND key = ?").execute(arguments: [userPoolID, key])
                try Self.insertSearchValues(of: written, db)
            }
            if written.claims != stored.claims {
                try db.cachedStatement(sql: "DELETE FROM user_claims WHERE user_pool_id = ? AND key = ?").execute(arguments: [userPoolID, key])
                try Self.insertClaims(of: written, db)
            }
            return written
        }
    }

    public func deleteUser(userPoolID: String, key: String) async throws {
        try await write { db in
            try db.cachedStatement(sql: "DELETE FROM users WHERE user_pool_id = ? AND key = ?").execute(arguments: [userPoolID, key])
            if db.changesCount == 0 { throw StorageError.notFound }
        }
    }

    /// A filter pages through its index, in key order, in the inner statement, so a page reads at
    /// most `limit + 1` users whatever the number of matches.
    public func users(userPoolID: String, filter: UserFilter?, after: String?, limit: Int) async throws -> Page<UserRecord> {
        let limit = max(limit, 1)
        let users: [UserRecord]
        if let filter {
            var values = filter.prefix ? "value >= ?" : "value = ?"
            var arguments: [any DatabaseValueConvertible] = [userPoolID, filter.name, filter.value]
            if filter.prefix, let bound = filter.prefixUpperBound {
                values += " AND value < ?"
                arguments.append(bound)
            }
            users = try readUsers("""
                user_pool_id = ? AND key IN (
                    SELECT DISTINCT key FROM user_search_values WHERE user_pool_id = ? AND name = ? AND \(values) AND key > ?
                    ORDER BY key LIMIT ?)
                ORDER BY key
                """, [userPoolID] + arguments + [after ?? "", limit + 1])
        } else {
            users = try readUsers("user_pool_id = ? AND key > ? ORDER BY key LIMIT ?", [userPoolID, after ?? "", limit + 1])
        }
        return Page(reading: users, limit: limit, cursor: \.key)
    }

    public func userCount(userPoolID: String) async throws -> Int {
        try read { db in
            try SQLiteRowReader.all(db.cachedStatement(sql: "SELECT coalesce(sum(count), 0) FROM user_counts WHERE user_pool_id = ?"),
                                    arguments: [userPoolID], in: db) { Int($0.integer(0)) }.first ?? 0
        }
    }

    // MARK: - Rows

    /// Inserts the user's searchable values and claims; a claim held by another user throws
    /// ``StorageError/conflict(name:)``.
    private static func insertValues(of user: UserRecord, _ db: Database) throws {
        try insertSearchValues(of: user, db)
        try insertClaims(of: user, db)
    }

    private static func insertSearchValues(of user: UserRecord, _ db: Database) throws {
        let search = try db.cachedStatement(sql: "INSERT INTO user_search_values (user_pool_id, name, value, key) VALUES (?, ?, ?, ?)")
        for value in user.searchable {
            try search.execute(arguments: [user.userPoolID, value.name, value.value, user.key])
        }
    }

    /// A claim another user holds is ``StorageError/conflict(name:)``.
    private static func insertClaims(of user: UserRecord, _ db: Database) throws {
        let claim = try db.cachedStatement(sql: "INSERT INTO user_claims (user_pool_id, name, value, key) VALUES (?, ?, ?, ?)")
        for value in user.claims {
            do {
                try claim.execute(arguments: [user.userPoolID, value.name, value.value, user.key])
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
                throw StorageError.conflict(name: value.name)
            }
        }
    }

    func readUsers(_ condition: String, _ arguments: [any DatabaseValueConvertible]) throws -> [UserRecord] {
        try read { db in try Self.fetchUsers(db, condition, arguments) }
    }

    /// The users matching `condition` (on the columns of `users`), each read from its row alone.
    private static func fetchUsers(_ db: Database, _ condition: String, _ arguments: [any DatabaseValueConvertible]) throws -> [UserRecord] {
        try SQLiteRowReader.all(db.cachedStatement(sql: """
            SELECT user_pool_id, key, sub, creation_date, last_modified_date, document, indexed_values FROM users WHERE \(condition)
            """), arguments: StatementArguments(arguments), in: db) { row in
            let values = try UserRecord.values(indexedValues: row.blob(6))
            return UserRecord(userPoolID: row.text(0), key: row.text(1), sub: row.text(2),
                              creationDate: Date(millisecondsSince1970: row.integer(3)),
                              lastModifiedDate: Date(millisecondsSince1970: row.integer(4)), document: row.blob(5),
                              searchable: values.searchable, claims: values.claims)
        }
    }

    /// - Throws: ``StorageError/notFound`` unless the pool has the user: what a user's devices and
    ///   events check in the transaction that inserts them.
    static func requireUser(_ db: Database, userPoolID: String, key: String) throws {
        let user = try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM users WHERE user_pool_id = ? AND key = ?)"),
                                     arguments: [userPoolID, key]) ?? false
        guard user else { throw StorageError.notFound }
    }
}
