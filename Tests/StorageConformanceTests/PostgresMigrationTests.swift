import Foundation
import GatehouseStorage
import Logging
import PostgresNIO
@testable import StoragePostgres
import XCTest

/// Migrations applied to a database an earlier version wrote, each test on a database of its own
/// (created beside the one `GATEHOUSE_TEST_DATABASE_URL` names, and dropped after).
final class PostgresMigrationTests: XCTestCase {
    /// Migration 2 adds the summaries that lists read: a pool stored before has its whole document
    /// as its summary, and reads back otherwise unchanged.
    func testPoolsStoredBeforeSummariesListWithTheirDocumentAsSummary() async throws {
        try await withDatabase { url in
            let earlier = try await Opened(url: url)
            do {
                _ = try await earlier.storage.client.query(
                    "CREATE TABLE gatehouse_migrations (version INT PRIMARY KEY)", logger: earlier.logger).collect()
                for statement in PostgresMigrations.all[0].statements {
                    _ = try await earlier.storage.client.query(statement, logger: earlier.logger).collect()
                }
                _ = try await earlier.storage.client.query("INSERT INTO gatehouse_migrations (version) VALUES (1)",
                                                           logger: earlier.logger).collect()
                _ = try await earlier.storage.client.query("""
                    INSERT INTO user_pools (id, region, name, creation_date, last_modified_date, document, version)
                    VALUES (\(PoolBeforeSummaries.id), \(PoolBeforeSummaries.region), \(PoolBeforeSummaries.name),
                            \(PoolBeforeSummaries.creationMilliseconds), \(PoolBeforeSummaries.lastModifiedMilliseconds),
                            \(PoolBeforeSummaries.document), \(Int64(1)))
                    """, logger: earlier.logger).collect()
            } catch {
                await earlier.close()
                throw error
            }
            await earlier.close()

            let current = try await Opened(url: url)
            do {
                try await current.storage.migrate()
                try await PoolBeforeSummaries.assertListedWithDocumentAsSummary(in: current.storage)
            } catch {
                await current.close()
                throw error
            }
            await current.close()
        }
    }

    /// A running store on `url`, not migrated.
    private struct Opened {
        let storage: PostgresStorage
        let logger: Logger
        let running: Task<Void, Never>

        init(url: String) async throws {
            var logger = Logger(label: "gatehouse.storage.migration-test")
            logger.logLevel = .error
            let storage = try PostgresStorage(url: url, logger: logger)
            self.storage = storage
            self.logger = logger
            running = Task { await storage.run() }
        }

        func close() async {
            running.cancel()
            await running.value
        }
    }

    /// Creates a database of its own, runs `body` with its URL, then drops it.
    private func withDatabase(_ body: (String) async throws -> Void) async throws {
        guard let url = ProcessInfo.processInfo.environment[PostgresConformanceTests.urlVariable], !url.isEmpty,
              let slash = url.lastIndex(of: "/") else {
            throw XCTSkip("PostgreSQL migration tests skipped: set \(PostgresConformanceTests.urlVariable) (CI always sets it)")
        }
        let name = "gatehouse_migration_\(UUID().uuidString.prefix(8).lowercased())"
        let admin = try await Opened(url: url)
        do {
            _ = try await admin.storage.client.query("CREATE DATABASE \(unescaped: name)", logger: admin.logger).collect()
            do {
                try await body(String(url[...slash]) + name)
            } catch {
                _ = try? await admin.storage.client.query("DROP DATABASE \(unescaped: name) WITH (FORCE)", logger: admin.logger).collect()
                throw error
            }
            _ = try await admin.storage.client.query("DROP DATABASE \(unescaped: name) WITH (FORCE)", logger: admin.logger).collect()
        } catch {
            await admin.close()
            throw error
        }
        await admin.close()
    }
}
