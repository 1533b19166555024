import Foundation
import GatehouseStorage
import PostgresNIO

extension PostgresStorage {
    /// The foreign key makes the insert fail (``StorageError/notFound``) when the pool does not exist.
    public func insertMessage(_ message: MessageRecord) async throws {
        try await self.perform {
            _ = try await self.client.query(
                """
                INSERT INTO messages (id, user_pool_id, recipient, creation_date, document)
                VALUES (\(message.id), \(message.userPoolID), \(message.recipient), \(message.creationDate.millisecondsSince1970),
                        \(message.document))
                """,
                logger: self.logger
            ).collect()
        }
    }

    public func updateMessage(id: String, document: Data) async throws {
        try await self.perform {
            let updated = try await self.client.query(
                "UPDATE messages SET document = \(document) WHERE id = \(id) RETURNING id", logger: self.logger
            ).collect()
            if updated.isEmpty { throw StorageError.notFound }
        }
    }

    public func deleteMessages(before id: String) async throws -> Int {
        try await self.perform {
            try await self.client.query("DELETE FROM messages WHERE id < \(id) RETURNING 1", logger: self.logger).collect().count
        }
    }

    public func messages(userPoolID: String?, recipient: String?, limit: Int) async throws -> [MessageRecord] {
        try await self.perform {
            // A NULL parameter matches every row; the planner still uses the index of the one given.
            let rows = try await self.client.query(
                """
                SELECT id, user_pool_id, recipient, creation_date, document FROM messages
                WHERE (\(userPoolID)::text IS NULL OR user_pool_id = \(userPoolID))
                  AND (\(recipient)::text IS NULL OR recipient = \(recipient))
                ORDER BY id DESC LIMIT \(Int64(max(limit, 1)))
                """,
                logger: self.logger
            )
            var messages: [MessageRecord] = []
            for try await (id, userPoolID, recipient, creation, document) in rows.decode((String, String, String, Int64, Data).self) {
                messages.append(MessageRecord(id: id, userPoolID: userPoolID, recipient: recipient,
                                              creationDate: Date(millisecondsSince1970: creation), document: document))
            }
            return messages
        }
    }
}
