import Foundation
import GatehouseStorage
import PostgresNIO

extension PostgresStorage {
    public func useSession(id: String, expiry: Date, now: Date) async throws -> Bool {
        try await self.perform {
            let rows = try await self.client.query("""
                INSERT INTO session_uses (id, expiry) VALUES (\(id), \(expiry.millisecondsSince1970))
                ON CONFLICT (id) DO UPDATE SET expiry = EXCLUDED.expiry WHERE session_uses.expiry < \(now.millisecondsSince1970) RETURNING 1
                """, logger: self.logger).collect()
            return rows.count == 1
        }
    }

    public func isSessionUsed(id: String) async throws -> Bool {
        try await self.perform {
            try await self.client.query("SELECT 1 FROM session_uses WHERE id = \(id)", logger: self.logger).collect().count == 1
        }
    }

    public func deleteSessionUses(expiredBefore date: Date) async throws -> Int {
        try await self.perform {
            try await self.client.query(
                "DELETE FROM session_uses WHERE expiry < \(date.millisecondsSince1970) RETURNING 1", logger: self.logger
            ).collect().count
        }
    }
}
