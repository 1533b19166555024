import Foundation
import GatehouseStorage
import PostgresNIO

extension PostgresStorage {
    /// The foreign key makes the insert fail (``StorageError/notFound``) when the user does not
    /// exist, or is deleted at the same time.
    public func insertAuthEvent(_ event: AuthEventRecord) async throws {
        try await self.perform {
            _ = try await self.client.query(
                """
                INSERT INTO auth_events (user_pool_id, user_key, event_id, creation_date, baseline, document)
                VALUES (\(event.userPoolID), \(event.userKey), \(event.eventID), \(event.creationDate.millisecondsSince1970), \(event.isBaseline),
                        \(event.document))
                """,
                logger: self.logger
            ).collect()
        }
    }

    /// One transaction holding the event's row (`SELECT … FOR NO KEY UPDATE`): `change` runs once,
    /// and nothing is written when nothing changed.
    public func updateAuthEvent(userPoolID: String, userKey: String, eventID: String,
                                _ change: @escaping @Sendable (inout AuthEventRecord) throws -> Void) async throws -> AuthEventRecord {
        try await self.perform {
            try await self.client.withTransaction(logger: self.logger) { connection in
                let rows = try await connection.query(
                    """
                    SELECT \(unescaped: Self.authEventColumns) FROM auth_events
                    WHERE user_pool_id = \(userPoolID) AND user_key = \(userKey) AND event_id = \(eventID) FOR NO KEY UPDATE
                    """,
                    logger: self.logger
                ).collect()
                guard let stored = try rows.first.map(Self.decodeAuthEvent) else { throw StorageError.notFound }
                var changed = stored
                try change(&changed)
                let written = AuthEventRecord(userPoolID: userPoolID, userKey: userKey, eventID: eventID, creationDate: stored.creationDate,
                                              isBaseline: changed.isBaseline, document: changed.document)
                guard written != stored else { return stored }
                _ = try await connection.query(
                    """
                    UPDATE auth_events SET baseline = \(written.isBaseline), document = \(written.document)
                    WHERE user_pool_id = \(userPoolID) AND user_key = \(userKey) AND event_id = \(eventID)
                    """,
                    logger: self.logger
                ).collect()
                return written
            }
        }
    }

    /// Row values order `(creation_date, event_id)` as the index does, so a page starts where the
    /// last ended without reading what came before.
    public func authEvents(userPoolID: String, userKey: String, baselineOnly: Bool, before: AuthEventRecord.Position?,
                           limit: Int) async throws -> [AuthEventRecord] {
        let limit = max(limit, 1)
        let baseline = baselineOnly ? " AND baseline" : ""
        return try await self.perform {
            let query: PostgresQuery = if let before {
                """
                SELECT \(unescaped: Self.authEventColumns) FROM auth_events
                WHERE user_pool_id = \(userPoolID) AND user_key = \(userKey)\(unescaped: baseline)
                  AND (creation_date, event_id) < (\(before.creationDate.millisecondsSince1970), \(before.eventID))
                ORDER BY creation_date DESC, event_id DESC LIMIT \(limit)
                """
            } else {
                """
                SELECT \(unescaped: Self.authEventColumns) FROM auth_events
                WHERE user_pool_id = \(userPoolID) AND user_key = \(userKey)\(unescaped: baseline)
                ORDER BY creation_date DESC, event_id DESC LIMIT \(limit)
                """
            }
            return try await self.client.query(query, logger: self.logger).collect().map(Self.decodeAuthEvent)
        }
    }

    public func deleteAuthEvents(createdBefore date: Date) async throws -> Int {
        try await self.perform {
            try await self.client.query(
                "DELETE FROM auth_events WHERE creation_date < \(date.millisecondsSince1970) RETURNING 1", logger: self.logger
            ).collect().count
        }
    }

    /// The columns ``decodeAuthEvent(_:)`` reads, in its order. A constant, never a value.
    private static let authEventColumns = "user_pool_id, user_key, event_id, creation_date, baseline, document"

    private static func decodeAuthEvent(_ row: PostgresRow) throws -> AuthEventRecord {
        let (userPoolID, userKey, eventID, creationDate, isBaseline, document) = try row.decode((String, String, String, Int64, Bool, Data).self)
        return AuthEventRecord(userPoolID: userPoolID, userKey: userKey, eventID: eventID, creationDate: Date(millisecondsSince1970: creationDate),
                               isBaseline: isBaseline, document: document)
    }
}
