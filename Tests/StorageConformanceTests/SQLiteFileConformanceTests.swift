import Foundation
import StorageSQLite

/// The conformance suite on SQLite in a file, a new directory per test.
final class SQLiteFileConformanceTests: StorageConformanceSuite {
    override func makeEngine() throws -> any ConformanceEngine {
        try SQLiteFileEngine()
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
