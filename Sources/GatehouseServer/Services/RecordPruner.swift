import Logging
import ServiceLifecycle

/// Deletes records that have outlived their use, a minute after the server starts (its database
/// migrated by then) and every hour after, until graceful shutdown: the outbox's messages older
/// than the retention (``GatehouseConfiguration/outboxRetentionHours``; 0 keeps them), the
/// uses of sign-in sessions that have expired, and authentication events older than two years, as
/// Cognito keeps them (``authEventRetention``). Every process of a shared database may prune;
/// deleting twice deletes nothing more.
struct RecordPruner: Service {
    let gatehouse: Gatehouse
    let outboxRetentionHours: Int
    let logger: Logger

    /// How long authentication events are kept: "User event history is retained for two years" (DG).
    static let authEventRetention: Double = 2 * 365 * 86_400

    func run() async throws {
        await cancelWhenGracefulShutdown {
            try? await Task.sleep(for: .seconds(60))
            while !Task.isCancelled {
                if outboxRetentionHours > 0 {
                    await prune("outbox messages") { try await gatehouse.delivery.prune(keeping: Double(outboxRetentionHours) * 3600) }
                }
                await prune("session uses") { try await gatehouse.storage.deleteSessionUses(expiredBefore: gatehouse.clock.now()) }
                await prune("authentication events") {
                    try await gatehouse.storage.deleteAuthEvents(createdBefore: gatehouse.clock.now().addingTimeInterval(-Self.authEventRetention))
                }
                try? await Task.sleep(for: .seconds(3600))
            }
        }
    }

    private func prune(_ what: String, _ delete: () async throws -> Int) async {
        do {
            let deleted = try await delete()
            if deleted > 0 { logger.info("pruned \(what)", metadata: ["deleted": "\(deleted)"]) }
        } catch {
            logger.error("\(what) could not be pruned", metadata: ["error": "\(error)"])
        }
    }
}
