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
}
