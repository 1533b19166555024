import Foundation
import GRDB
import GatehouseStorage

extension SQLiteStorage {
    /// Checks the user in the same transaction as the insert; the foreign key keeps a user deleted
    /// later from leaving the event behind.
    public func insertAuthEvent(_ event: AuthEventRecord) async throws {
        try await write(queued: true) { db in
            try Self.requireUser(db, userPoolID: event.userPoolID, key: event.userKey)
            try db.cachedStatement(sql: """
                INSERT INTO auth_events (user_pool_id, user_key, event_id, creation_date, baseline, document) VALUES (?, ?, ?, ?, ?, ?)
                """).execute(arguments: [event.userPoolID, event.userKey, event.eventID, event.creationDate.millisecondsSince1970,
                                         event.isBaseline, event.document])
        }
    }

    public func updateAuthEvent(userPoolID: String, userKey: String, eventID: String,
                                _ change: @escaping @Sendable (inout AuthEventRecord) throws -> Void) async throws -> AuthEventRecord {
        try await write { db in
            guard let stored = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT \(Self.authEventColumns) FROM auth_events WHERE user_pool_id = ? AND user_key = ? AND event_id = ?"),
                arguments: [userPoolID, userKey, eventID]).map(Self.authEvent) else {
                throw StorageError.notFound
            }
            var changed = stored
            try change(&changed)
            let written = AuthEventRecord(userPoolID: userPoolID, userKey: userKey, eventID: eventID, creationDate: stored.creationDate,
                                          isBaseline: changed.isBaseline, document: changed.document)
            guard written != stored else { return stored }
            try db.cachedStatement(sql: "UPDATE auth_events SET baseline = ?, document = ? WHERE user_pool_id = ? AND user_key = ? AND event_id = ?")
                .execute(arguments: [written.isBaseline, written.document, userPoolID, userKey, eventID])
            return written
        }
    }

    /// Row values order `(creation_date, event_id)` as the index does, so a page starts where the
    /// last ended without reading what came before.
    public func authEvents(userPoolID: String, userKey: String, baselineOnly: Bool, before: AuthEventRecord.Position?,
                           limit: Int) async throws -> [AuthEventRecord] {
        let limit = max(limit, 1)
        let baseline = baselineOnly ? " AND baseline = 1" : ""
        return try read { db in
            if let before {
                return try Row.fetchAll(
                    db.cachedStatement(sql: """
                        SELECT \(Self.authEventColumns) FROM auth_events
                        WHERE user_pool_id = ? AND user_key = ?\(baseline) AND (creation_date, event_id) < (?, ?)
                        ORDER BY creation_date DESC, event_id DESC LIMIT ?
                        """),
                    arguments: [userPoolID, userKey, before.creationDate.millisecondsSince1970, before.eventID, limit]).map(Self.authEvent)
            }
            return try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT \(Self.authEventColumns) FROM auth_events WHERE user_pool_id = ? AND user_key = ?\(baseline)
                    ORDER BY creation_date DESC, event_id DESC LIMIT ?
                    """),
                arguments: [userPoolID, userKey, limit]).map(Self.authEvent)
        }
    }

    public func deleteAuthEvents(createdBefore date: Date) async throws -> Int {
        try await write(queued: true) { db in
            try db.cachedStatement(sql: "DELETE FROM auth_events WHERE creation_date < ?").execute(arguments: [date.millisecondsSince1970])
            return db.changesCount
        }
    }

    /// The columns ``authEvent(_:)`` reads, by position.
    private static let authEventColumns = "user_pool_id, user_key, event_id, creation_date, baseline, document"

    private static func authEvent(_ row: Row) -> AuthEventRecord {
        AuthEventRecord(userPoolID: row[0], userKey: row[1], eventID: row[2], creationDate: Date(millisecondsSince1970: row[3]),
                        isBaseline: row[4], document: row[5])
    }
}
