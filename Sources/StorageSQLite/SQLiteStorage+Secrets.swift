import Foundation
import GRDB
import GatehouseStorage

extension SQLiteStorage {
    public func secret(named name: String, orInsert candidate: Data) async throws -> Data {
        try await write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO secrets (name, value) VALUES (?, ?)", arguments: [name, candidate])
            return try Data.fetchOne(db, sql: "SELECT value FROM secrets WHERE name = ?", arguments: [name]) ?? candidate
        }
    }

    public func updateSecrets(_ change: @escaping @Sendable ([String: Data]) throws -> [String: Data]) async throws {
        try await write { db in
            var stored: [String: Data] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT name, value FROM secrets") {
                stored[row["name"]] = row["value"]
            }
            for (name, value) in try change(stored) {
                try db.execute(sql: "INSERT OR REPLACE INTO secrets (name, value) VALUES (?, ?)", arguments: [name, value])
            }
        }
    }
}
