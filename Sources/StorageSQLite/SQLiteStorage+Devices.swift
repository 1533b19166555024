import Foundation
import GRDB
import GatehouseStorage

extension SQLiteStorage {
    /// Checks the user in the same transaction as the insert; the foreign key keeps a user deleted
    /// later from leaving the device behind.
    public func insertDevice(_ device: DeviceRecord) async throws {
        try await write(queued: true) { db in
            try Self.requireUser(db, userPoolID: device.userPoolID, key: device.userKey)
            try db.cachedStatement(sql: """
                INSERT INTO devices (user_pool_id, user_key, device_key, creation_date, last_modified_date, remembered, document)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [device.userPoolID, device.userKey, device.deviceKey, device.creationDate.millisecondsSince1970,
                                         device.lastModifiedDate.millisecondsSince1970, device.remembered, device.document])
        }
    }

    public func device(userPoolID: String, userKey: String, deviceKey: String) async throws -> DeviceRecord? {
        try read { db in try Self.fetchDevice(db, userPoolID: userPoolID, userKey: userKey, deviceKey: deviceKey) }
    }

    public func updateDevice(userPoolID: String, userKey: String, deviceKey: String,
                             _ change: @escaping @Sendable (inout DeviceRecord) throws -> Void) async throws -> DeviceRecord {
        try await write { db in
            guard let stored = try Self.fetchDevice(db, userPoolID: userPoolID, userKey: userKey, deviceKey: deviceKey) else {
                throw StorageError.notFound
            }
            var changed = stored
            try change(&changed)
            let written = DeviceRecord(userPoolID: userPoolID, userKey: userKey, deviceKey: deviceKey, creationDate: stored.creationDate,
                                       lastModifiedDate: changed.lastModifiedDate.roundedToMilliseconds, remembered: changed.remembered,
                                       document: changed.document)
            guard written != stored else { return stored }
            try db.cachedStatement(sql: """
                UPDATE devices SET last_modified_date = ?, remembered = ?, document = ?
                WHERE user_pool_id = ? AND user_key = ? AND device_key = ?
                """).execute(arguments: [written.lastModifiedDate.millisecondsSince1970, written.remembered, written.document,
                                         userPoolID, userKey, deviceKey])
            return written
        }
    }

    public func deleteDevice(userPoolID: String, userKey: String, deviceKey: String) async throws {
        try await write { db in
            try db.cachedStatement(sql: "DELETE FROM devices WHERE user_pool_id = ? AND user_key = ? AND device_key = ?")
                .execute(arguments: [userPoolID, userKey, deviceKey])
            if db.changesCount == 0 { throw StorageError.notFound }
        }
    }

    public func devices(userPoolID: String, userKey: String, rememberedOnly: Bool, after: String?, limit: Int) async throws -> Page<DeviceRecord> {
        let limit = max(limit, 1)
        return try read { db in
            let devices = try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT \(Self.deviceColumns) FROM devices
                    WHERE user_pool_id = ? AND user_key = ? AND device_key > ?\(rememberedOnly ? " AND remembered = 1" : "")
                    ORDER BY device_key LIMIT ?
                    """),
                arguments: [userPoolID, userKey, after ?? "", limit + 1]).map(Self.device)
            return Page(reading: devices, limit: limit, cursor: \.deviceKey)
        }
    }

    private static func fetchDevice(_ db: Database, userPoolID: String, userKey: String, deviceKey: String) throws -> DeviceRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(deviceColumns) FROM devices WHERE user_pool_id = ? AND user_key = ? AND device_key = ?"),
                         arguments: [userPoolID, userKey, deviceKey]).map(device)
    }

    /// The columns ``device(_:)`` reads, by position.
    private static let deviceColumns = "user_pool_id, user_key, device_key, creation_date, last_modified_date, remembered, document"

    private static func device(_ row: Row) -> DeviceRecord {
        DeviceRecord(userPoolID: row[0], userKey: row[1], deviceKey: row[2], creationDate: Date(millisecondsSince1970: row[3]),
                     lastModifiedDate: Date(millisecondsSince1970: row[4]), remembered: row[5], document: row[6])
    }
}
