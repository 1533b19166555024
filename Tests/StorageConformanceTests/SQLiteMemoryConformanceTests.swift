import StorageSQLite

/// The conformance suite on SQLite in memory.
final class SQLiteMemoryConformanceTests: StorageConformanceSuite {
    override func makeEngine() throws -> any ConformanceEngine {
        SQLiteMemoryEngine()
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
