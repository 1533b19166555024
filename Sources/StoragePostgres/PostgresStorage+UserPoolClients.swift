import Foundation
import GatehouseStorage
import Logging
import PostgresNIO

extension PostgresStorage {
    /// The foreign key makes the insert fail (``StorageError/notFound``) when the pool does not
    /// exist, or is deleted at the same time.
    public func insertUserPoolClient(_ client: UserPoolClientRecord) async throws {
        try await self.perform {
            _ = try await self.client.query(
                """
                INSERT INTO user_pool_clients (user_pool_id, id, name, creation_date, last_modified_date, document, version)
                VALUES (\(client.userPoolID), \(client.clientID), \(client.name), \(client.creationDate.millisecondsSince1970),
                        \(client.lastModifiedDate.millisecondsSince1970), \(client.document), \(Int64(1)))
                """,
                logger: self.logger
            ).collect()
        }
    }

    public func userPoolClient(userPoolID: String, clientID: String) async throws -> UserPoolClientRecord? {
        try await self.perform {
            try await self.fetchClient(userPoolID: userPoolID, clientID: clientID)?.record
        }
    }

    /// Optimistic compare-and-swap on the `version` column, as ``updateUserPool(id:_:)`` does.
    public func updateUserPoolClient(userPoolID: String, clientID: String,
                                     _ change: @escaping @Sendable (inout UserPoolClientRecord) throws -> Void) async throws -> UserPoolClientRecord {
        try await self.perform {
            while true {
                guard let (current, version) = try await self.fetchClient(userPoolID: userPoolID, clientID: clientID) else {
                    throw StorageError.notFound
                }
                var changed = current
                try change(&changed)
                let written = UserPoolClientRecord(
                    userPoolID: userPoolID, clientID: clientID, name: changed.name, creationDate: current.creationDate,
                    lastModifiedDate: Date(millisecondsSince1970: changed.lastModifiedDate.millisecondsSince1970),
                    document: changed.document)
                let updated = try await self.client.query(
                    """
                    UPDATE user_pool_clients
                    SET name = \(written.name), last_modified_date = \(written.lastModifiedDate.millisecondsSince1970),
                        document = \(written.document), version = version + 1
                    WHERE user_pool_id = \(userPoolID) AND id = \(clientID) AND version = \(version)
                    RETURNING version
                    """,
                    logger: self.logger
                ).collect()
                if !updated.isEmpty {
                    return written
                }
                try Task.checkCancellation()
            }
        }
    }

    public func deleteUserPoolClient(userPoolID: String, clientID: String) async throws {
        try await self.perform {
            let deleted = try await self.client.query(
                "DELETE FROM user_pool_clients WHERE user_pool_id = \(userPoolID) AND id = \(clientID) RETURNING id",
                logger: self.logger
            ).collect()
            if deleted.isEmpty { throw StorageError.notFound }
        }
    }

    /// `LIMIT limit + 1`: the extra row, never returned, tells whether another page follows.
    public func userPoolClients(userPoolID: String, after: String?, limit: Int) async throws -> Page<UserPoolClientSummary> {
        let limit = max(limit, 1)
        return try await self.perform {
            let rows = try await self.client.query(
                """
                SELECT id, name FROM user_pool_clients
                WHERE user_pool_id = \(userPoolID) AND id > \(after ?? "")
                ORDER BY id LIMIT \(limit + 1)
                """,
                logger: self.logger
            ).collect()
            let clients = try rows.prefix(limit).map { row in
                let (clientID, name) = try row.decode((String, String).self)
                return UserPoolClientSummary(clientID: clientID, name: name)
            }
            return Page(items: clients, nextCursor: rows.count > limit ? clients.last?.clientID : nil)
        }
    }

    private func fetchClient(userPoolID: String, clientID: String) async throws -> (record: UserPoolClientRecord, version: Int64)? {
        let rows = try await self.client.query(
            """
            SELECT name, creation_date, last_modified_date, document, version FROM user_pool_clients
            WHERE user_pool_id = \(userPoolID) AND id = \(clientID)
            """,
            logger: self.logger
        ).collect()
        return try rows.first.map { row in
            let (name, creationDate, lastModifiedDate, document, version) = try row.decode((String, Int64, Int64, Data, Int64).self)
            return (UserPoolClientRecord(userPoolID: userPoolID, clientID: clientID, name: name,
                                         creationDate: Date(millisecondsSince1970: creationDate),
                                         lastModifiedDate: Date(millisecondsSince1970: lastModifiedDate), document: document),
                    version)
        }
    }
}
