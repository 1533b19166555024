import Foundation
import GRDB
import GatehouseStorage

extension SQLiteStorage {
    public func insertMessage(_ message: MessageRecord) async throws {
        try await write(queued: true) { db in
            try Self.requirePool(message.userPoolID, db)
            try db.cachedStatement(sql: "INSERT INTO messages (id, user_pool_id, recipient, creation_date, document) VALUES (?, ?, ?, ?, ?)")
                .execute(arguments: [message.id, message.userPoolID, message.recipient, message.creationDate.millisecondsSince1970,
                                     message.document])
        }
    }

    public func updateMessage(id: String, document: Data) async throws {
        try await write { db in
            try db.cachedStatement(sql: "UPDATE messages SET document = ? WHERE id = ?").execute(arguments: [document, id])
            if db.changesCount == 0 { throw StorageError.notFound }
        }
    }

    public func deleteMessages(before id: String) async throws -> Int {
        try await write { db in
            try db.cachedStatement(sql: "DELETE FROM messages WHERE id < ?").execute(arguments: [id])
            return db.changesCount
        }
    }

    public func messages(userPoolID: String?, recipient: String?, limit: Int) async throws -> [MessageRecord] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let userPoolID { conditions.append("user_pool_id = ?"); arguments += [userPoolID] }
        if let recipient { conditions.append("recipient = ?"); arguments += [recipient] }
        arguments += [max(limit, 1)]
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT id, user_pool_id, recipient, creation_date, document FROM messages \(filter) ORDER BY id DESC LIMIT ?
                """), arguments: arguments).map { row in
                MessageRecord(id: row[0], userPoolID: row[1], recipient: row[2], creationDate: Date(millisecondsSince1970: row[3]),
                              document: row[4])
            }
        }
    }
}
