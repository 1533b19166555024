import Foundation
import GatehouseStorage
import Logging

/// What `gatehouse outbox` prints: the outbox of the database a configuration names, read
/// directly (the server may be running; SQLite's WAL and PostgreSQL let both read at once).
/// - Returns: `{"Messages": [...]}`, newest first, as the outbox endpoint shows them.
public func readOutbox(configuration: GatehouseConfiguration, userPoolID: String?, recipient: String?, limit: Int,
                       logger: Logger) async throws -> [UInt8] {
    try await withCommandStore(configuration, logger: logger) { storage in
        try Outbox.document(try await storage.messages(userPoolID: userPoolID, recipient: recipient, limit: limit))
    }
}
