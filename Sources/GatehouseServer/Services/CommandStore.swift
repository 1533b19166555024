import Foundation
import GatehouseStorage
import Logging

/// Runs `body` on the store a configuration names, opened for one command beside any running
/// server (SQLite's WAL and PostgreSQL let both work at once; PostgreSQL's schema brought up to
/// date first), and closed after.
func withCommandStore<Result: Sendable>(_ configuration: GatehouseConfiguration, logger: Logger,
                                        _ body: (any Storage) async throws -> Result) async throws -> Result {
    let store = try await StorageService.open(configuration, logger: logger)
    let result = try await store.closing { try await body(store.storage) }
    try await store.close()
    return result
}
