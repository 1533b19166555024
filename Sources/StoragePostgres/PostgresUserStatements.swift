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

/// The user of a pool with a key (`value`).
struct UserByKey: PostgresUserLookup {
    static let sql = "SELECT \(PostgresStorage.userColumns) FROM users WHERE user_pool_id = $1 AND key = $2"
    let userPoolID: String
    let value: String
}

/// The user of a pool with a key (`value`), its row held until the transaction ends (`FOR NO KEY
/// UPDATE`: rows that refer to it can still be added).
struct UserByKeyForUpdate: PostgresUserLookup {
    static let sql = UserByKey.sql + " FOR NO KEY UPDATE"
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

/// A page of a pool's users with a searchable value equal to one (a filter with `=`). The inner
/// statement pages through the index, so a page reads at most `limit` users.
struct UsersPageByValue: PostgresUserStatement {
    static let sql = """
        SELECT \(PostgresStorage.userColumns) FROM users WHERE user_pool_id = $1 AND key IN (
            SELECT DISTINCT key FROM user_search_values
            WHERE user_pool_id = $1 AND name = $2 AND value = $3 AND key > $4
            ORDER BY key LIMIT $5)
        ORDER BY key
        """
    let userPoolID: String
    let name: String
    let value: String
    let after: String
    let limit: Int

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings(userPoolID, name, value, after)
        bindings.append(Int64(limit))
        return bindings
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
