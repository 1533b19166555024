import Foundation
import GatehouseStorage
import Logging
import PostgresNIO

extension PostgresStorage {
    /// One transaction: the user, then its values. The foreign key makes it fail
    /// (``StorageError/notFound``) when the pool does not exist or is deleted at the same time.
    public func insertUser(_ user: UserRecord) async throws {
        try await self.perform {
            try await self.client.withTransaction(logger: self.logger) { connection in
                _ = try await connection.query(
                    """
                    INSERT INTO users (user_pool_id, key, sub, creation_date, last_modified_date, document, indexed_values)
                    VALUES (\(user.userPoolID), \(user.key), \(user.sub), \(user.creationDate.millisecondsSince1970),
                            \(user.lastModifiedDate.millisecondsSince1970), \(user.document), \(user.indexedValues))
                    """,
                    logger: self.logger
                ).collect()
                try await self.insertValues(of: user, on: connection)
            }
        }
        self.userCounts.forget(user.userPoolID)
    }

    /// Read with the reads of other users made at the same time (``BatchedReads``).
    public func user(userPoolID: String, key: String) async throws -> UserRecord? {
        try await self.userReads.value(for: UserKey(userPoolID: userPoolID, key: key)) { keys in
            try await self.perform {
                let users = try await self.fetchUsers(UsersByKeys(keys: keys))
                return Dictionary(users.map { (UserKey(userPoolID: $0.userPoolID, key: $0.key), $0) }) { first, _ in first }
            }
        }
    }

    public func user(userPoolID: String, sub: String) async throws -> UserRecord? {
        try await self.perform { try await self.fetchUsers(UserBySub(userPoolID: userPoolID, value: sub)).first }
    }

    public func user(userPoolID: String, claim: UserValue) async throws -> UserRecord? {
        try await self.perform { try await self.fetchUsers(UserByClaim(userPoolID: userPoolID, claim: claim)).first }
    }

    /// Concurrent updates of one user by this process run in batches (``UpdateBatches``), each one
    /// transaction: `SELECT … FOR NO KEY UPDATE` holds the user (and reads its latest version once
    /// the lock is held), so updates by other processes apply one after the other too and none is
    /// lost. A batch whose claims conflict, or whose changes claimed values in between that the
    /// written user does not hold (the database checks only what is written), runs again one change
    /// per transaction, so that only a change that claimed a taken value fails.
    public func updateUser(userPoolID: String, key: String,
                           _ change: @escaping @Sendable (inout UserRecord) throws -> Void) async throws -> UserRecord {
        try await self.userUpdates.update(userPoolID + "\u{0}" + key, change) { changes in
            do {
                return try await self.updateUser(userPoolID: userPoolID, key: key, applying: changes)
            } catch let error where changes.count > 1 && Self.needsOneByOne(error) {
                var results: [Result<UserRecord, any Error>] = []
                for change in changes {
                    do {
                        results += try await self.updateUser(userPoolID: userPoolID, key: key, applying: [change])
                    } catch {
                        results.append(.failure(error))
                    }
                }
                return results
            }
        }
    }

    /// One transaction applying `changes` to the user in order: the row and the change of its
    /// searchable values are written once, in one statement; claims, which change seldom, in one
    /// statement each, so that a claim another user holds is named. Four round trips while the row
    /// is held for changes that keep the claims.
    private func updateUser(userPoolID: String, key: String,
                            applying changes: [UpdateBatches<UserRecord>.Change]) async throws -> [Result<UserRecord, any Error>] {
        try await self.perform {
            try await self.client.withTransaction(logger: self.logger) { connection in
                var read: UserRecord?
                for try await user in try await connection.execute(UserByKeyForUpdate(userPoolID: userPoolID, value: key), logger: self.logger) {
                    read = user
                }
                guard let stored = read else { throw StorageError.notFound }
                let (written, results) = UpdateBatches.apply(changes, to: stored) { user in
                    UserRecord(userPoolID: userPoolID, key: key, sub: stored.sub, creationDate: stored.creationDate,
                               lastModifiedDate: Date(millisecondsSince1970: user.lastModifiedDate.millisecondsSince1970),
                               document: user.document, searchable: user.searchable, claims: user.claims)
                }
                if changes.count > 1, !results.allSatisfy({ (try? $0.get().claims.isSubset(of: stored.claims.union(written.claims))) ?? true }) {
                    throw ClaimedInBetween()
                }
                guard written != stored else { return results }  // changes that changed nothing write nothing
                _ = try await connection.execute(UserUpdate(written: written, removed: Array(stored.searchable.subtracting(written.searchable)),
                                                            added: Array(written.searchable.subtracting(stored.searchable))),
                                                 logger: self.logger)
                let removedClaims = stored.claims.subtracting(written.claims)
                if !removedClaims.isEmpty {
                    _ = try await connection.query(
                        """
                        DELETE FROM user_claims WHERE user_pool_id = \(userPoolID) AND key = \(key)
                            AND (name, value) IN (SELECT * FROM UNNEST(\(removedClaims.map(\.name))::TEXT[], \(removedClaims.map(\.value))::TEXT[]))
                        """, logger: self.logger).collect()
                }
                try await self.insertClaims(written.claims.subtracting(stored.claims), of: written, on: connection)
                return results
            }
        }
    }

    /// A batch's changes claimed, one after the other, values its written user does not hold.
    private struct ClaimedInBetween: Error {}

    /// Whether a batch that failed with `error` runs again one change per transaction.
    private static func needsOneByOne(_ error: any Error) -> Bool {
        if case StorageError.conflict = error { return true }
        return error is ClaimedInBetween
    }

    public func deleteUser(userPoolID: String, key: String) async throws {
        try await self.perform {
            let deleted = try await self.client.query(
                "DELETE FROM users WHERE user_pool_id = \(userPoolID) AND key = \(key) RETURNING key", logger: self.logger).collect()
            if deleted.isEmpty { throw StorageError.notFound }
        }
        self.userCounts.forget(userPoolID)
    }

    /// A filter pages through its index, in key order, in the inner statement, so a page reads at
    /// most `limit + 1` users whatever the number of matches. Pages of a filter with `=` are read
    /// with the others asked for at the same time (``BatchedReads``).
    public func users(userPoolID: String, filter: UserFilter?, after: String?, limit: Int) async throws -> Page<UserRecord> {
        let limit = max(limit, 1)
        let after = after ?? ""
        if let filter, !filter.prefix {
            let page = ValuePage(userPoolID: userPoolID, name: filter.name, value: filter.value, after: after, limit: limit + 1)
            let users = try await self.valuePages.value(for: page) { pages in
                try await self.perform { try await self.fetchPages(pages) }
            }
            return Page(reading: users ?? [], limit: limit, cursor: \.key)
        }
        return try await self.perform {
            let users: [UserRecord]
            switch filter {
            case nil:
                users = try await self.fetchUsers(UsersPage(userPoolID: userPoolID, after: after, limit: limit + 1))
            case let filter?:
                // Without an upper bound (an empty prefix), every value of the name matches.
                let bound = filter.prefixUpperBound
                users = try await self.fetchUsers(on: nil, """
                    SELECT \(unescaped: Self.userColumns) FROM users WHERE user_pool_id = \(userPoolID) AND key IN (
                        SELECT DISTINCT key FROM user_search_values
                        WHERE user_pool_id = \(userPoolID) AND name = \(filter.name) AND value >= \(filter.value)
                            AND (\(bound)::text IS NULL OR value < \(bound)) AND key > \(after)
                        ORDER BY key LIMIT \(limit + 1))
                    ORDER BY key
                    """)
            }
            return Page(reading: users, limit: limit, cursor: \.key)
        }
    }

    /// Kept for a second (``userCounts``): up to a second behind other processes' inserts and
    /// deletes, and exact after this process's own unless a read of the count was on its way as
    /// they committed.
    public func userCount(userPoolID: String) async throws -> Int {
        if let kept = self.userCounts.value(for: userPoolID, count: 0) { return kept }
        let count = try await self.perform {
            let rows = try await self.client.query(
                "SELECT coalesce(sum(count), 0)::bigint FROM user_counts WHERE user_pool_id = \(userPoolID)", logger: self.logger).collect()
            return Int(try rows.first?.decode(Int64.self) ?? 0)
        }
        self.userCounts.remember(count, for: userPoolID, count: 0)
        return count
    }

    // MARK: - Rows

    /// Inserts the user's searchable values and claims; a claim held by another user throws
    /// ``StorageError/conflict(name:)`` (and the transaction rolls back).
    private func insertValues(of user: UserRecord, on connection: PostgresConnection) async throws {
        try await insertSearchValues(of: user, on: connection)
        try await insertClaims(user.claims, of: user, on: connection)
    }

    /// The user's searchable values, in one statement (one round trip, however many).
    private func insertSearchValues(of user: UserRecord, on connection: PostgresConnection) async throws {
        guard !user.searchable.isEmpty else { return }
        let values = Array(user.searchable)
        _ = try await connection.query(
            """
            INSERT INTO user_search_values (user_pool_id, name, value, key)
            SELECT \(user.userPoolID), name, value, \(user.key) FROM UNNEST(\(values.map(\.name))::TEXT[], \(values.map(\.value))::TEXT[])
                AS given (name, value)
            """,
            logger: self.logger
        ).collect()
    }

    /// The `claims` of `user`, one statement each, so that a claim another user holds is named.
    private func insertClaims(_ claims: Set<UserValue>, of user: UserRecord, on connection: PostgresConnection) async throws {
        for value in claims {
            do {
                _ = try await connection.query(
                    """
                    INSERT INTO user_claims (user_pool_id, name, value, key)
                    VALUES (\(user.userPoolID), \(value.name), \(value.value), \(user.key))
                    """,
                    logger: self.logger
                ).collect()
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
                throw StorageError.conflict(name: value.name)
            }
        }
    }

    /// The columns ``fetchUsers(on:_:)`` reads, in its order. A constant, never a value.
    static let userColumns = "user_pool_id, key, sub, creation_date, last_modified_date, document, indexed_values"

    /// Runs `query` (selecting ``userColumns``) on `connection`, or on the pool when it is `nil`.
    func fetchUsers(on connection: PostgresConnection?, _ query: PostgresQuery) async throws -> [UserRecord] {
        let rows = if let connection {
            try await connection.query(query, logger: self.logger).collect()
        } else {
            try await self.client.query(query, logger: self.logger).collect()
        }
        return try rows.map(Self.decodeUser)
    }

    /// The users of each page, in key order; a page without any is left out.
    private func fetchPages(_ pages: [ValuePage]) async throws -> [ValuePage: [UserRecord]] {
        var found: [ValuePage: [UserRecord]] = [:]
        for try await (position, user) in try await self.client.execute(UsersPagesByValue(pages: pages), logger: self.logger) {
            found[pages[position - 1], default: []].append(user)
        }
        return found
    }

    /// Runs a prepared statement that selects users.
    func fetchUsers(_ statement: some PostgresUserStatement) async throws -> [UserRecord] {
        var users: [UserRecord] = []
        for try await user in try await self.client.execute(statement, logger: self.logger) {
            users.append(user)
        }
        return users
    }

    /// A row of ``userColumns``.
    static func decodeUser(_ row: PostgresRow) throws -> UserRecord {
        try user(row.decode(UserColumns.self))
    }

    /// The values of ``userColumns``, in its order.
    typealias UserColumns = (String, String, String, Int64, Int64, Data, Data)

    /// The user of a row's ``userColumns``.
    static func user(_ columns: UserColumns) throws -> UserRecord {
        let (userPoolID, key, sub, creationDate, lastModifiedDate, document, indexedValues) = columns
        let values = try UserRecord.values(indexedValues: indexedValues)
        return UserRecord(userPoolID: userPoolID, key: key, sub: sub, creationDate: Date(millisecondsSince1970: creationDate),
                          lastModifiedDate: Date(millisecondsSince1970: lastModifiedDate), document: document,
                          searchable: values.searchable, claims: values.claims)
    }
}
