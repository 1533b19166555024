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

    public func deleteSessionUses(expiredBefore date: Date) async throws -> Int {
        try await write { db in
            try db.cachedStatement(sql: "DELETE FROM session_uses WHERE expiry < ?").execute(arguments: [date.millisecondsSince1970])
            return db.changesCount
        }
    }
}
