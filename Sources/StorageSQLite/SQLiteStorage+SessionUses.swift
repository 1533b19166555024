import Foundation
import GRDB
import GatehouseStorage

extension SQLiteStorage {
    /// Not queued: random ids share no pages, and when the writer is idle the hop to its thread
    /// and back would cost more than the insert.
    public func useSession(id: String, expiry: Date, now: Date) async throws -> Bool {
        try await write { db in
            try db.cachedStatement(sql: """
                INSERT INTO session_uses (id, expiry) VALUES (?, ?)
                ON CONFLICT (id) DO UPDATE SET expiry = excluded.expiry WHERE session_uses.expiry < ?
                """).execute(arguments: [id, expiry.millisecondsSince1970, now.millisecondsSince1970])
            return db.changesCount == 1
        }
    }

    public func isSessionUsed(id: String) async throws -> Bool {
        try read { db in
            try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM session_uses WHERE id = ?)"), arguments: [id]) ?? false
        }
    }

    public func deleteSessionUses(expiredBefore date: Date) async throws -> Int {
        try await write { db in
            try db.cachedStatement(sql: "DELETE FROM session_uses WHERE expiry < ?").execute(arguments: [date.millisecondsSince1970])
            return db.changesCount
        }
    }
}
