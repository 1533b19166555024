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
}
