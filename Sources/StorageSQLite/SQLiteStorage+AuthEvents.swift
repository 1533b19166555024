import Foundation
import GRDB
import GatehouseStorage

extension SQLiteStorage {
    /// Checks the user in the same transaction as the insert; the foreign key keeps a user deleted
    /// later from leaving the event behind.
    public func insertAuthEvent(_ event: AuthEventRecord) async throws {
        try await write(queued: true) { db in
            let user = try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM users WHERE user_pool_id = ? AND key = ?)"),
                                         arguments: [event.userPoolID, event.userKey]) ?? false
            guard user else { throw StorageError.notFound }
            try db.cachedStatement(sql: """
                INSERT INTO auth_events (user_pool_id, user_key, event_id, creation_date, document) VALUES (?, ?, ?, ?, ?)
                """).execute(arguments: [event.userPoolID, event.userKey, event.eventID, event.creationDate.millisecondsSince1970,
                                         event.document])
        }
    }

    public func authEvent(userPoolID: String, userKey: String, eventID: String) async throws -> AuthEventRecord? {
        try read { db in try Self.fetchAuthEvent(db, userPoolID: userPoolID, userKey: userKey, eventID: eventID) }
    }

    public func updateAuthEvent(userPoolID: String, userKey: String, eventID: String,
                                _ change: @escaping @Sendable (inout AuthEventRecord) throws -> Void) async throws -> AuthEventRecord {
        try await write { db in
            guard let stored = try Self.fetchAuthEvent(db, userPoolID: userPoolID, userKey: userKey, eventID: eventID) else {
                throw StorageError.notFound
            }
            var changed = stored
            try change(&changed)
            let written = AuthEventRecord(userPoolID: userPoolID, userKey: userKey, eventID: eventID, creationDate: stored.creationDate,
                                          document: changed.document)
            guard written != stored else { return stored }
            try db.cachedStatement(sql: "UPDATE auth_events SET document = ? WHERE user_pool_id = ? AND user_key = ? AND event_id = ?")
                .execute(arguments: [written.document, userPoolID, userKey, eventID])
            return written
        }
    }

    public func authEvents(userPoolID: String, userKey: String, before: AuthEventRecord.Position?, limit: Int) async throws -> [AuthEventRecord] {
        let limit = max(limit, 1)
        return try read { db in
            if let before {
                return try Row.fetchAll(
                    db.cachedStatement(sql: """
                        SELECT \(Self.authEventColumns) FROM auth_events
                        WHERE user_pool_id = ? AND user_key = ? AND (creation_date, event_id) < (?, ?)
                        ORDER BY creation_date DESC, event_id DESC LIMIT ?
                        """),
                    arguments: [userPoolID, userKey, before.creationDate.millisecondsSince1970, before.eventID, limit]).map(Self.authEvent)
            }
            return try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT \(Self.authEventColumns) FROM auth_events WHERE user_pool_id = ? AND user_key = ?
                    ORDER BY creation_date DESC, event_id DESC LIMIT ?
                    """),
                arguments: [userPoolID, userKey, limit]).map(Self.authEvent)
        }
    }

    private static func fetchAuthEvent(_ db: Database, userPoolID: String, userKey: String, eventID: String) throws -> AuthEventRecord? {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT \(authEventColumns) FROM auth_events WHERE user_pool_id = ? AND user_key = ? AND event_id = ?"),
            arguments: [userPoolID, userKey, eventID]).map(authEvent)
    }

    /// The columns ``authEvent(_:)`` reads, by position.
    private static let authEventColumns = "user_pool_id, user_key, event_id, creation_date, document"

    private static func authEvent(_ row: Row) -> AuthEventRecord {
        AuthEventRecord(userPoolID: row[0], userKey: row[1], eventID: row[2], creationDate: Date(millisecondsSince1970: row[3]),
                        document: row[4])
    }
}
