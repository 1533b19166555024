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
        let document = Data(#"{"Pool":{"LambdaConfig":{"PreSignUp":"arn:aws:lambda:us-east-1:1:function:f"}},"Schema":[]}"#.utf8)
        do {
            let earlier = try DatabaseQueue(path: path)
            try SQLiteMigrations.migrator.migrate(earlier, upTo: "2-user-pools-listed-by-id-range")
            try await earlier.write { db in
                try db.execute(sql: """
                    INSERT INTO user_pools (id, region, name, creation_date, last_modified_date, document)
                    VALUES ('us-east-1_Earlier01', 'us-east-1', 'earlier', 1700000000123, 1700000100456, ?)
                    """, arguments: [document])
            }
            try earlier.close()

            let opened = try await engine.open()
            let page = try await opened.storage.userPools(region: "us-east-1", after: nil, limit: 10)
            let read = try await opened.storage.userPool(id: "us-east-1_Earlier01")
            try await opened.close()
            let expected = UserPoolRecord(id: "us-east-1_Earlier01", region: "us-east-1", name: "earlier",
                                          creationDate: Date(milliseconds: 1_700_000_000_123),
                                          lastModifiedDate: Date(milliseconds: 1_700_000_100_456),
                                          document: document, summary: document)
            XCTAssertEqual(read, expected)
            XCTAssertEqual(page.items, [expected.listed])
        } catch {
            try? await engine.destroy()
            throw error
        }
        try await engine.destroy()
    }
}
