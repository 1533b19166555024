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

/// The user of a pool with a key.
struct UserByKey: PostgresUserStatement {
    static let sql = "SELECT \(PostgresStorage.userColumns) FROM users WHERE user_pool_id = $1 AND key = $2"
    let userPoolID: String
    let key: String

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(userPoolID)
        bindings.append(key)
        return bindings
    }
}

/// The user of a pool with a sub.
struct UserBySub: PostgresUserStatement {
    static let sql = "SELECT \(PostgresStorage.userColumns) FROM users WHERE user_pool_id = $1 AND sub = $2"
    let userPoolID: String
    let sub: String

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(userPoolID)
        bindings.append(sub)
        return bindings
    }
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
        var bindings = PostgresBindings()
        bindings.append(userPoolID)
        bindings.append(claim.name)
        bindings.append(claim.value)
        return bindings
    }
}

/// A page of a pool's users, in key order after a key, at most a number of them.
struct UsersPage: PostgresUserStatement {
    static let sql = "SELECT \(PostgresStorage.userColumns) FROM users WHERE user_pool_id = $1 AND key > $2 ORDER BY key LIMIT $3"
    let userPoolID: String
    let after: String
    let limit: Int

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(userPoolID)
        bindings.append(after)
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
        var bindings = PostgresBindings()
        bindings.append(userPoolID)
        bindings.append(name)
        bindings.append(value)
        bindings.append(after)
        bindings.append(Int64(limit))
        return bindings
    }
}
