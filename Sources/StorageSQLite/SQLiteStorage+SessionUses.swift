import Foundation
import GRDB
import GatehouseStorage

extension SQLiteStorage {
    public func useSession(id: String, expiry: Date) async throws -> Bool {
        try await write(queued: true) { db in
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO session_uses (id, expiry) VALUES (?, ?)")
                .execute(arguments: [id, expiry.millisecondsSince1970])
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
