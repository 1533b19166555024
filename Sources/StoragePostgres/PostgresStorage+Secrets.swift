import Foundation
import GatehouseStorage
import PostgresNIO

extension PostgresStorage {
    /// Inserts `candidate` unless the name exists, then reads what is stored. Two statements, each
    /// in its own transaction: under READ COMMITTED the `SELECT` sees whichever insert won, including
    /// a concurrent one that `ON CONFLICT DO NOTHING` waited for.
    public func secret(named name: String, orInsert candidate: Data) async throws -> Data {
        try await self.perform {
            _ = try await self.client.query(
                "INSERT INTO secrets (name, value) VALUES (\(name), \(candidate)) ON CONFLICT (name) DO NOTHING",
                logger: self.logger
            ).collect()
            let rows = try await self.client.query(
                "SELECT value FROM secrets WHERE name = \(name)",
                logger: self.logger
            ).collect()
            if let row = rows.first {
                return try row.decode(Data.self)
            }
            throw StorageError.engine("secret \(name) missing right after it was inserted")
        }
    }

    /// The table is locked for the step (SHARE ROW EXCLUSIVE: ``secret(named:orInsert:)``'s insert
    /// waits for it), so that a secret inserted meanwhile cannot be missed.
    public func updateSecrets(_ change: @escaping @Sendable ([String: Data]) throws -> [String: Data]) async throws {
        try await self.perform {
            try await self.client.withTransaction(logger: self.logger) { connection in
                _ = try await connection.query("LOCK TABLE secrets IN SHARE ROW EXCLUSIVE MODE", logger: self.logger).collect()
                var stored: [String: Data] = [:]
                for try await (name, value) in try await connection.query("SELECT name, value FROM secrets", logger: self.logger)
                    .decode((String, Data).self) {
                    stored[name] = value
                }
                for (name, value) in try change(stored) {
                    _ = try await connection.query(
                        "INSERT INTO secrets (name, value) VALUES (\(name), \(value)) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value",
                        logger: self.logger
                    ).collect()
                }
            }
        }
    }
}
