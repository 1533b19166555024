import Foundation
import GatehouseStorage
import StorageSQLite
import XCTest

/// The conformance suite on SQLite in memory.
final class SQLiteMemoryConformanceTests: StorageConformanceSuite {
    override func makeEngine() throws -> any ConformanceEngine {
        SQLiteMemoryEngine()
    }

    func testEachInMemoryStoreIsPrivate() async throws {
        let first = try SQLiteStorage.inMemory()
        let second = try SQLiteStorage.inMemory()
        let ns = TestNamespace()
        let pool = ns.pool(region: ns.regionA, suffix: "Private1")
        try await first.insertUserPool(pool)
        let seenByFirst = try await first.userPool(id: pool.id)
        let seenBySecond = try await second.userPool(id: pool.id)
        XCTAssertEqual(seenByFirst, pool)
        XCTAssertNil(seenBySecond)
        try await first.shutdown()
        try await second.shutdown()
    }
}

struct SQLiteMemoryEngine: ConformanceEngine {
    var survivesReopening: Bool { false }

    func open() async throws -> OpenedStorage {
        let storage = try SQLiteStorage.inMemory()
        return OpenedStorage(storage: storage, close: { try await storage.shutdown() })
    }

    func destroy() async throws {}
}
