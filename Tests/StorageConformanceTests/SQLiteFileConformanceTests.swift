import Foundation
import GatehouseStorage
import StorageSQLite
import XCTest

/// The conformance suite on SQLite in a file, a new directory per test.
final class SQLiteFileConformanceTests: StorageConformanceSuite {
    override func makeEngine() throws -> any ConformanceEngine {
        try SQLiteFileEngine()
    }

    /// Two stores on one file stand for two server processes sharing it: each sees the other's
    /// writes, their concurrent updates lose nothing, and their secret callers agree.
    func testTwoStoresOnOneFileShareTheirData() async throws {
        try await withTwoStores(on: try SQLiteFileEngine()) { first, second in
            let ns = TestNamespace()
            let pool = ns.emptyPool(region: ns.regionA, suffix: "Shared1", name: "shared")
            try await first.storage.insertUserPool(pool)
            let seen = try await second.storage.userPool(id: pool.id)
            XCTAssertEqual(seen, pool)

            let stores = [first.storage, second.storage]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<8 {
                    let storage = stores[task % 2]
                    group.addTask {
                        for step in 0..<10 {
                            _ = try await storage.updateUserPool(id: pool.id) { record in
                                record.document += Data((record.document.isEmpty ? "" : ",").utf8) + Data("t\(task)-\(step)".utf8)
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let read = try await XCTUnwrapAsync(try await first.storage.userPool(id: pool.id))
            let tokens = String(decoding: read.document, as: UTF8.self).split(separator: ",")
            XCTAssertEqual(tokens.count, 80)
            XCTAssertEqual(Set(tokens).count, 80)

            let name = ns.secretName("shared")
            let values = try await withThrowingTaskGroup(of: Data.self) { group in
                for candidate in 0..<10 {
                    let storage = stores[candidate % 2]
                    group.addTask { try await storage.secret(named: name, orInsert: Data("candidate-\(candidate)".utf8)) }
                }
                return try await group.reduce(into: [Data]()) { $0.append($1) }
            }
            XCTAssertEqual(values.count, 10)
            XCTAssertEqual(Set(values).count, 1)
        }
    }
}

struct SQLiteFileEngine: ConformanceEngine {
    let directory: URL

    init() throws {
        self.directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("gatehouse-conformance-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
    }

    var survivesReopening: Bool { true }

    func open() async throws -> OpenedStorage {
        let storage = try SQLiteStorage(path: self.directory.appendingPathComponent("gatehouse.sqlite").path)
        return OpenedStorage(storage: storage, close: { try await storage.shutdown() })
    }

    func destroy() async throws {
        try FileManager.default.removeItem(at: self.directory)
    }
}
