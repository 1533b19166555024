import Foundation
import GatehouseStorage
import PostgresNIO

/// The reads of users that requests make most, as prepared statements: each connection parses and
/// plans one once, then only binds and runs it (a filtered ListUsers spent more of PostgreSQL's
/// time planning its statement than running it). Each selects ``PostgresStorage/userColumns``.
protocol PostgresUserStatement: PostgresPreparedStatement where Row == UserRecord {}

extension PostgresUserStatement {
    func decodeRow(_ row: PostgresRow) throws -> UserRecord {
        try PostgresStorage.decodeUser(row)
    }
}

extension PostgresBindings {
    /// Text values bound in order.
    init(_ values: String...) {
        self.init()
        for value in values { append(value) }
    }
}

/// The user of a pool found by one value of a unique column.
protocol PostgresUserLookup: PostgresUserStatement {
    var userPoolID: String { get }
    var value: String { get }
}

extension PostgresUserLookup {
    func makeBindings() -> PostgresBindings {
        PostgresBindings(userPoolID, value)
    }
}

/// A user by its pool and key.
struct UserKey: Hashable, Sendable {
    let userPoolID: String
    let key: String
}

/// The users of several keys, in one statement (``BatchedReads``): those that exist.
struct UsersByKeys: PostgresUserStatement {
    static let sql = """
        SELECT \(PostgresStorage.userColumns) FROM users
        JOIN UNNEST($1::TEXT[], $2::TEXT[]) AS wanted (pool, name) ON user_pool_id = wanted.pool AND key = wanted.name
        """
    let keys: [UserKey]

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(keys.map(\.userPoolID))
        bindings.append(keys.map(\.key))
        return bindings
    }
}

/// The user of a pool with a key (`value`), its row held until the transaction ends (`FOR NO KEY
/// UPDATE`: rows that refer to it can still be added).
struct UserByKeyForUpdate: PostgresUserLookup {
    static let sql = "SELECT \(PostgresStorage.userColumns) FROM users WHERE user_pool_id = $1 AND key = $2 FOR NO KEY UPDATE"
    let userPoolID: String
    let value: String
}

/// The user of a pool with a sub (`value`).
struct UserBySub: PostgresUserLookup {
    static let sql = "SELECT \(PostgresStorage.userColumns) FROM users WHERE user_pool_id = $1 AND sub = $2"
    let userPoolID: String
    let value: String
}

/// The user of a pool holding a claim (an alias).
struct UserByClaim: PostgresUserStatement {
    static let sql = """
        SELECT \(PostgresStorage.userColumns) FROM users WHERE user_pool_id = $1 AND key = (
            SELECT key FROM user_claims WHERE user_pool_id = $1 AND name = $2 AND value = $3)
        """
    let userPoolID: String
    let claim: UserValue

    func makeBindings() -> PostgresBindings {
        PostgresBindings(userPoolID, claim.name, claim.value)
    }
}

/// A page of a pool's users, in key order after a key, at most a number of them.
struct UsersPage: PostgresUserStatement {
    static let sql = "SELECT \(PostgresStorage.userColumns) FROM users WHERE user_pool_id = $1 AND key > $2 ORDER BY key LIMIT $3"
    let userPoolID: String
    let after: String
    let limit: Int

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings(userPoolID, after)
        bindings.append(Int64(limit))
        return bindings
    }
}

/// A page of a pool's users with a searchable value equal to one (a filter with `=`), after a key,
/// at most a number of them.
struct ValuePage: Hashable, Sendable {
    let userPoolID: String
    let name: String
    let value: String
    let after: String
    let limit: Int
}

/// The users of several ``ValuePage``s in one statement (``BatchedReads``), in order: each row a
/// user and the position (from 1) of the page it is on. Each page's inner statement pages through
/// the index, so it reads at most `limit` users.
struct UsersPagesByValue: PostgresPreparedStatement {
    typealias Row = (Int, UserRecord)
    static let sql = """
        SELECT \(PostgresStorage.userColumns.split(separator: ", ").map { "found.\($0)" }.joined(separator: ", ")), page.position
        FROM UNNEST($1::TEXT[], $2::TEXT[], $3::TEXT[], $4::TEXT[], $5::INT8[]) WITH ORDINALITY AS page (pool, name, value, after, size, position)
        CROSS JOIN LATERAL (
            SELECT \(PostgresStorage.userColumns) FROM users WHERE user_pool_id = page.pool AND key IN (
                SELECT DISTINCT key FROM user_search_values
                WHERE user_pool_id = page.pool AND name = page.name AND value = page.value AND key > page.after
                ORDER BY key LIMIT page.size)
        ) AS found
        ORDER BY page.position, found.key
        """
    let pages: [ValuePage]

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(pages.map(\.userPoolID))
        bindings.append(pages.map(\.name))
        bindings.append(pages.map(\.value))
        bindings.append(pages.map(\.after))
        bindings.append(pages.map { Int64($0.limit) })
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> (Int, UserRecord) {
        let (userPoolID, key, sub, creationDate, lastModifiedDate, document, indexedValues, position) =
            try row.decode((String, String, String, Int64, Int64, Data, Data, Int64).self)
        return (Int(position), try PostgresStorage.user((userPoolID, key, sub, creationDate, lastModifiedDate, document, indexedValues)))
    }
}

/// Writes a held user's row and, in the same statement, the change of its searchable values: the
/// values it no longer has are deleted and the new ones inserted (the two sets never share a row),
/// so a change of one attribute touches one index row, not all of them.
struct UserUpdate: PostgresPreparedStatement {
    typealias Row = Void
    static let sql = """
        WITH written AS (
            UPDATE users SET last_modified_date = $3, document = $4, indexed_values = $5 WHERE user_pool_id = $1 AND key = $2
        ), gone AS (
            DELETE FROM user_search_values
            WHERE user_pool_id = $1 AND key = $2 AND (name, value) IN (SELECT * FROM UNNEST($6::TEXT[], $7::TEXT[]))
        )
        INSERT INTO user_search_values (user_pool_id, name, value, key)
        SELECT $1, name, value, $2 FROM UNNEST($8::TEXT[], $9::TEXT[]) AS added (name, value)
        """
    let written: UserRecord
    let removed: [UserValue]
    let added: [UserValue]

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(written.userPoolID, written.key)
        bindings.append(written.lastModifiedDate.millisecondsSince1970)
        try bindings.append(written.document)
        try bindings.append(written.indexedValues)
        bindings.append(removed.map(\.name))
        bindings.append(removed.map(\.value))
        bindings.append(added.map(\.name))
        bindings.append(added.map(\.value))
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws {}
}
