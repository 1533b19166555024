import Foundation
import GatehouseStorage
import Logging
import StoragePostgres
import StorageSQLite

/// What `gatehouse outbox` prints: the outbox of the database a configuration names, read
/// directly (the server may be running; SQLite's WAL and PostgreSQL let both read at once).
/// - Returns: `{"Messages": [...]}`, newest first, as the outbox endpoint shows them.
public func readOutbox(configuration: GatehouseConfiguration, userPoolID: String?, recipient: String?, limit: Int,
                       logger: Logger) async throws -> [UInt8] {
    if let url = configuration.databaseURL {
        let postgres = try PostgresStorage(url: url, logger: logger)
        return try await withThrowingTaskGroup(of: [UInt8]?.self) { group in
            group.addTask { await postgres.run(); return nil }
            defer { group.cancelAll() }
            let records = try await postgres.messages(userPoolID: userPoolID, recipient: recipient, limit: limit)
            try await postgres.shutdown()
            return try Outbox.document(records)
        }
    }
    let sqlite = try SQLiteStorage(path: configuration.sqlitePath)
    let records = try await sqlite.messages(userPoolID: userPoolID, recipient: recipient, limit: limit)
    try await sqlite.shutdown()
    return try Outbox.document(records)
}
