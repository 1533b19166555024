import Foundation
import GatehouseStorage
import Logging
import StoragePostgres
import StorageSQLite

/// Runs `body` on the store a configuration names, opened for one command beside any running
/// server (SQLite's WAL and PostgreSQL let both work at once; PostgreSQL's schema brought up to
/// date first), and closed after.
func withCommandStore<Result: Sendable>(_ configuration: GatehouseConfiguration, logger: Logger,
                                        _ body: (any Storage) async throws -> Result) async throws -> Result {
    let store: StorageService
    if let url = configuration.databaseURL {
        let postgres = try PostgresStorage(url: url, logger: logger)
        store = StorageService(storage: postgres, connectionLoop: Task { await postgres.run() })
        do {
            try await postgres.migrate()
        } catch {
            try? await store.close()
            throw error
        }
    } else {
        store = StorageService(storage: try SQLiteStorage(path: configuration.sqlitePath), connectionLoop: nil)
    }
    do {
        let result = try await body(store.storage)
        try await store.close()
        return result
    } catch {
        try? await store.close()
        throw error
    }
}
