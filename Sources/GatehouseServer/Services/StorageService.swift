import GatehouseStorage
import ServiceLifecycle

/// Keeps the storage engine alive for as long as the server runs: runs the engine's connection loop
/// (PostgreSQL) until graceful shutdown, then closes the store. The application lists it before the
/// HTTP server, so it stops after the server has finished its last request.
struct StorageService: Service {
    let storage: any Storage
    /// The engine's own loop, if it has one; it is cancelled on graceful shutdown.
    let connectionLoop: (@Sendable () async -> Void)?
    /// What brings the engine's schema up to date before the server takes requests (PostgreSQL;
    /// SQLite migrates when it opens).
    let migrate: (@Sendable () async throws -> Void)?

    func run() async throws {
        if let connectionLoop {
            await cancelWhenGracefulShutdown { await connectionLoop() }
        } else {
            try? await gracefulShutdown()
        }
        try await storage.shutdown()
    }
}
