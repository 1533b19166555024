import Foundation
import Logging
import PostgresNIO
@testable import StoragePostgres
import XCTest

/// The conformance suite on PostgreSQL, at the database `GATEHOUSE_TEST_DATABASE_URL` names.
///
/// Tests share that database, so each one keeps to its own keys (see ``TestNamespace``): regions,
/// pool ids and secret names carry a random tag. Leftovers from earlier runs therefore never
/// matter, tests may run in parallel processes, and nothing is truncated.
final class PostgresConformanceTests: StorageConformanceSuite {
    static let urlVariable = "GATEHOUSE_TEST_DATABASE_URL"

    override func makeEngine() throws -> any ConformanceEngine {
        guard let url = ProcessInfo.processInfo.environment[Self.urlVariable], !url.isEmpty else {
            throw XCTSkip(
                "PostgreSQL conformance tests skipped: set \(Self.urlVariable) to postgres://user[:password]@host[:port]/database (CI always sets it)"
            )
        }
        return PostgresEngine(url: url)
    }

    override func makeIsolatedEngine() throws -> any ConformanceEngine {
        guard let url = ProcessInfo.processInfo.environment[Self.urlVariable], !url.isEmpty else { return try makeEngine() }
        return PrivatePostgresEngine(url: url)
    }

    /// Several processes migrating one database at once all succeed (the advisory lock serialises
    /// them), and migrating an up-to-date database again does nothing.
    func testConcurrentMigrationsAllSucceed() async throws {
        let engine = try self.makeEngine()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    let opened = try await engine.open()
                    try await opened.close()
                }
            }
            try await group.waitForAll()
        }
    }

    func testInitAcceptsPostgresURLsAndRejectsOthers() throws {
        let logger = Logger(label: "test")
        for url in [
            "postgres://user@localhost/db",
            "postgresql://user:p%40ss@127.0.0.1:6543/db?sslmode=disable",
            "postgres://user@[::1]:5432/db",
            "postgres://user@localhost/db?sslmode=require",
            "postgres://user@localhost/db?sslmode=verify-full",
            "postgres://user@/db?host=/run/postgresql",
            "postgres://user@localhost:5433/db?host=/tmp&sslmode=disable",
        ] {
            XCTAssertNoThrow(try PostgresStorage(url: url, logger: logger), url)
        }
        for url in [
            "mysql://user@localhost/db",
            "postgres://localhost/db",
            "postgres://user@localhost",
            "postgres://user@localhost/db?sslmode=always",
            "postgres://user@localhost/db?sslmode=verify-ca&sslrootcert=/nonexistent/ca.pem",
            "postgres://user@localhost/db?connect_timeout=3",
            "postgres://user@/db",
            "postgres://user@/db?host=/tmp&sslmode=require",
        ] {
            XCTAssertThrowsError(try PostgresStorage(url: url, logger: logger), url) { error in
                XCTAssertTrue(error is PostgresStorage.InvalidURL, "\(url): \(error)")
            }
        }
    }
}

/// PostgreSQL over TLS, against the test server, which `scripts/test.sh` starts with a certificate
/// for localhost of its own CA (`GATEHOUSE_TEST_DATABASE_CA`): verified, the store works; verified
/// against the system's CAs, which did not sign it, it does not.
final class PostgresTLSTests: XCTestCase {
    static let caVariable = "GATEHOUSE_TEST_DATABASE_CA"

    private func url(_ query: String) throws -> String {
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment[PostgresConformanceTests.urlVariable], !url.isEmpty,
              let ca = environment[Self.caVariable], !ca.isEmpty else {
            throw XCTSkip("set \(PostgresConformanceTests.urlVariable) and \(Self.caVariable) (scripts/test.sh sets both)")
        }
        return url.replacingOccurrences(of: "127.0.0.1", with: "localhost") + "?" + query.replacingOccurrences(of: "$CA", with: ca)
    }

    func testVerifiedTLSWorksAndAnotherCAIsRefused() async throws {
        for query in ["sslmode=verify-full&sslrootcert=$CA", "sslmode=verify-ca&sslrootcert=$CA", "sslmode=require"] {
            let opened = try await PostgresEngine(url: try url(query)).open()
            try await opened.close()
        }
        // The system's CAs did not sign the test server's certificate: the pool keeps trying to
        // connect, and no query gets through (a verified open above took well under a second).
        let engine = PostgresEngine(url: try url("sslmode=verify-full"))
        let untrusted = Task { try await engine.open() }
        try await Task.sleep(for: .seconds(10))
        untrusted.cancel()
        if let opened = try? await untrusted.value {
            try await opened.close()
            XCTFail("a certificate of an unknown CA was accepted")
        }
    }
}

struct PostgresEngine: ConformanceEngine {
    let url: String

    var survivesReopening: Bool { true }

    /// A new `PostgresStorage` (its own connection pool), running and migrated.
    func open() async throws -> OpenedStorage {
        var logger = Logger(label: "gatehouse.storage.conformance")
        // PostgresNIO warns when the first lease comes before `run()` has started, and logs at
        // info when a connection attempt is cut short by closing: both expected here.
        logger.logLevel = .error
        let storage = try PostgresStorage(url: self.url, logger: logger)
        let running = Task { await storage.run() }
        do {
            try await storage.migrate()
        } catch {
            running.cancel()
            await running.value
            throw error
        }
        return OpenedStorage(storage: storage, close: {
            try await storage.shutdown()
            running.cancel()
            await running.value
        })
    }

    func destroy() async throws {}
}

/// A database of its own on the server whose database `url` names, for a test that changes a whole
/// database (deleting every pool): made when first opened, dropped by ``destroy()``.
struct PrivatePostgresEngine: ConformanceEngine {
    let url: String
    let name = "gatehouse_private_\(UUID().uuidString.prefix(8).lowercased())"

    var survivesReopening: Bool { true }

    func open() async throws -> OpenedStorage {
        try await onServer { client, logger in
            if try await client.query("SELECT 1 FROM pg_database WHERE datname = \(name)", logger: logger).collect().isEmpty {
                _ = try await client.query("CREATE DATABASE \(unescaped: name)", logger: logger).collect()
            }
        }
        return try await PostgresEngine(url: String(url[...(url.lastIndex(of: "/") ?? url.startIndex)]) + name).open()
    }

    func destroy() async throws {
        try await onServer { client, logger in
            _ = try await client.query("DROP DATABASE IF EXISTS \(unescaped: name) WITH (FORCE)", logger: logger).collect()
        }
    }

    /// Runs `body` on a store of the shared database, for statements about databases.
    private func onServer(_ body: (PostgresClient, Logger) async throws -> Void) async throws {
        let shared = try await PostgresEngine(url: url).open()
        do {
            try await body((shared.storage as! PostgresStorage).client, Logger(label: "gatehouse.storage.conformance"))
        } catch {
            try? await shared.close()
            throw error
        }
        try await shared.close()
    }
}
