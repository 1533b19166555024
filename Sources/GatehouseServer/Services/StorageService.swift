import GatehouseStorage
import Logging
import ServiceLifecycle
import StoragePostgres
import StorageSQLite

/// Keeps the storage engine alive for as long as the server runs, then closes it: on graceful
/// shutdown it closes the store and ends the engine's connection loop (PostgreSQL), which started
/// before the server so that the schema could be brought up to date first. The application lists it
/// before the HTTP server, so it stops after the server has finished its last request.
struct StorageService: Service {
    let storage: any Storage
    /// The task running the engine's own loop, if it has one.
    let connectionLoop: Task<Void, Never>?

    func run() async throws {
        try? await gracefulShutdown()
        try await close()
    }

    /// Closes the store and ends its connection loop.
    func close() async throws {
        try await storage.shutdown()
        connectionLoop?.cancel()
        await connectionLoop?.value
    }

    /// The store a configuration names, open: PostgreSQL's connection loop running and its schema
    /// brought up to date (with the configuration's timeout), or the SQLite file (with its size limit).
    static func open(_ configuration: GatehouseConfiguration, logger: Logger) async throws -> StorageService {
        guard let url = configuration.databaseURL else {
            return StorageService(storage: try SQLiteStorage(path: configuration.sqlitePath, maximumSizeMiB: configuration.sqliteMaximumSizeMiB),
                                  connectionLoop: nil)
        }
        let postgres = try PostgresStorage(url: url, logger: logger, timeout: .seconds(configuration.databaseTimeoutSeconds),
                                       poolSize: configuration.databasePoolSize)
        let store = StorageService(storage: postgres, connectionLoop: Task { await postgres.run() })
        try await store.closing { try await postgres.migrate() }
        return store
    }

    /// What `step` returns; when it fails, the store is closed (so that a failed start ends the process).
    func closing<Result>(_ step: () async throws -> Result) async throws -> Result {
        do {
            return try await step()
        } catch {
            try? await close()
            throw error
        }
    }
}
