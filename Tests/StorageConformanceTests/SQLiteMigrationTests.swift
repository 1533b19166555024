import Foundation
import GRDB
import GatehouseStorage
@testable import StorageSQLite
import XCTest

/// Migrations applied to a database an earlier version wrote.
final class SQLiteMigrationTests: XCTestCase {
    /// Migration 3 adds the summaries that lists read: a pool stored before has its whole document
    /// as its summary, and reads back otherwise unchanged.
    func testPoolsStoredBeforeSummariesListWithTheirDocumentAsSummary() async throws {
        let engine = try SQLiteFileEngine()
        let path = engine.directory.appendingPathComponent("gatehouse.sqlite").path
        do {
            let earlier = try DatabaseQueue(path: path)
            try SQLiteMigrations.migrator.migrate(earlier, upTo: "2-user-pools-listed-by-id-range")
            try await earlier.write { db in
                try db.execute(sql: """
                    INSERT INTO user_pools (id, region, name, creation_date, last_modified_date, document)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [PoolBeforeSummaries.id, PoolBeforeSummaries.region, PoolBeforeSummaries.name,
                                     PoolBeforeSummaries.creationMilliseconds, PoolBeforeSummaries.lastModifiedMilliseconds,
                                     PoolBeforeSummaries.document])
            }
            try earlier.close()

            let opened = try await engine.open()
            do {
                try await PoolBeforeSummaries.assertListedWithDocumentAsSummary(in: opened.storage)
            } catch {
                try? await opened.close()
                throw error
            }
            try await opened.close()
        } catch {
            try? await engine.destroy()
            throw error
        }
        try await engine.destroy()
    }
}
