import Foundation
import GRDB
import GatehouseStorage

extension SQLiteStorage {
    /// Checks the pool in the same transaction as the insert; the foreign key keeps a pool deleted
    /// later from leaving the client behind.
    public func insertUserPoolClient(_ client: UserPoolClientRecord) async throws {
        try await write { db in
            guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM user_pools WHERE id = ?"),
                                    arguments: [client.userPoolID]) != nil else { throw StorageError.notFound }
            try db.cachedStatement(sql: """
                INSERT INTO user_pool_clients (user_pool_id, id, name, creation_date, last_modified_date, document)
                VALUES (?, ?, ?, ?, ?, ?)
                """).execute(arguments: [client.userPoolID, client.clientID, client.name,
                                         client.creationDate.millisecondsSince1970,
                                         client.lastModifiedDate.millisecondsSince1970, client.document])
        }
    }

    public func userPoolClient(userPoolID: String, clientID: String) async throws -> UserPoolClientRecord? {
        try read { db in try Self.fetchClient(db, userPoolID: userPoolID, clientID: clientID) }
    }

    public func updateUserPoolClient(userPoolID: String, clientID: String,
                                     _ change: @escaping @Sendable (inout UserPoolClientRecord) throws -> Void) async throws -> UserPoolClientRecord {
        try await write { db in
            guard let stored = try Self.fetchClient(db, userPoolID: userPoolID, clientID: clientID) else { throw StorageError.notFound }
            var client = stored
            try change(&client)
            try db.cachedStatement(sql: """
                UPDATE user_pool_clients SET name = ?, last_modified_date = ?, document = ?
                WHERE user_pool_id = ? AND id = ?
                """).execute(arguments: [client.name, client.lastModifiedDate.millisecondsSince1970, client.document,
                                         userPoolID, clientID])
            return UserPoolClientRecord(userPoolID: userPoolID, clientID: clientID, name: client.name,
                                        creationDate: stored.creationDate,
                                        lastModifiedDate: client.lastModifiedDate.roundedToMilliseconds, document: client.document)
        }
    }

    public func deleteUserPoolClient(userPoolID: String, clientID: String) async throws {
        try await write { db in
            try db.cachedStatement(sql: "DELETE FROM user_pool_clients WHERE user_pool_id = ? AND id = ?")
                .execute(arguments: [userPoolID, clientID])
            if db.changesCount == 0 { throw StorageError.notFound }
        }
    }

    public func userPoolClients(userPoolID: String, after: String?, limit: Int) async throws -> Page<UserPoolClientSummary> {
        let limit = max(limit, 1)
        return try read { db in
            let rows = try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT id, name FROM user_pool_clients WHERE user_pool_id = ? AND id > ? ORDER BY id LIMIT ?
                    """),
                arguments: [userPoolID, after ?? "", limit + 1])
            let clients = rows.prefix(limit).map { UserPoolClientSummary(clientID: $0[0], name: $0[1]) }
            return Page(items: clients, nextCursor: rows.count > limit ? clients.last?.clientID : nil)
        }
    }

    static func fetchClient(_ db: Database, userPoolID: String, clientID: String) throws -> UserPoolClientRecord? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT name, creation_date, last_modified_date, document FROM user_pool_clients WHERE user_pool_id = ? AND id = ?
            """), arguments: [userPoolID, clientID]).map { row in
            UserPoolClientRecord(userPoolID: userPoolID, clientID: clientID, name: row[0],
                                 creationDate: Date(millisecondsSince1970: row[1]),
                                 lastModifiedDate: Date(millisecondsSince1970: row[2]), document: row[3])
        }
    }
}
