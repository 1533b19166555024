import Logging
import ServiceLifecycle

/// Deletes the outbox's messages older than the retention (``GatehouseConfiguration/outboxRetentionHours``)
/// a minute after the server starts (its database migrated by then) and every hour after, until
/// graceful shutdown. Every process of a shared database may prune; deleting twice deletes nothing more.
struct OutboxPruner: Service {
    let delivery: MessageDelivery
    let retentionHours: Int
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            try? await Task.sleep(for: .seconds(60))
            while !Task.isCancelled {
                do {
                    let deleted = try await delivery.prune(keeping: Double(retentionHours) * 3600)
                    if deleted > 0 { logger.info("outbox pruned", metadata: ["deleted": "\(deleted)"]) }
                } catch {
                    logger.error("the outbox could not be pruned", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: .seconds(3600))
            }
        }
    }
}
