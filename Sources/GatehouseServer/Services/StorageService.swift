import GatehouseStorage
import ServiceLifecycle

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
}
