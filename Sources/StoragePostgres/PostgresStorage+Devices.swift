import Foundation
import GatehouseStorage
import PostgresNIO

extension PostgresStorage {
    /// The foreign key makes the insert fail (``StorageError/notFound``) when the user does not
    /// exist, or is deleted at the same time.
    public func insertDevice(_ device: DeviceRecord) async throws {
        try await self.perform {
            _ = try await self.client.query(
                """
                INSERT INTO devices (user_pool_id, user_key, device_key, creation_date, last_modified_date, remembered, document)
                VALUES (\(device.userPoolID), \(device.userKey), \(device.deviceKey), \(device.creationDate.millisecondsSince1970),
                        \(device.lastModifiedDate.millisecondsSince1970), \(device.remembered), \(device.document))
                """,
                logger: self.logger
            ).collect()
        }
    }

    public func device(userPoolID: String, userKey: String, deviceKey: String) async throws -> DeviceRecord? {
        try await self.perform {
            try await self.fetchDevice(on: nil, userPoolID: userPoolID, userKey: userKey, deviceKey: deviceKey)
        }
    }

    /// One transaction holding the device's row (`SELECT … FOR NO KEY UPDATE`): `change` runs
    /// once, and nothing is written when nothing changed.
    public func updateDevice(userPoolID: String, userKey: String, deviceKey: String,
                             _ change: @escaping @Sendable (inout DeviceRecord) throws -> Void) async throws -> DeviceRecord {
        try await self.perform {
            try await self.client.withTransaction(logger: self.logger) { connection in
                guard let stored = try await self.fetchDevice(on: connection, userPoolID: userPoolID, userKey: userKey,
                                                              deviceKey: deviceKey, locking: true) else {
                    throw StorageError.notFound
                }
                var changed = stored
                try change(&changed)
                let written = DeviceRecord(userPoolID: userPoolID, userKey: userKey, deviceKey: deviceKey, creationDate: stored.creationDate,
                                           lastModifiedDate: Date(millisecondsSince1970: changed.lastModifiedDate.millisecondsSince1970),
                                           remembered: changed.remembered, document: changed.document)
                guard written != stored else { return stored }
                _ = try await connection.query(
                    """
                    UPDATE devices SET last_modified_date = \(written.lastModifiedDate.millisecondsSince1970),
                        remembered = \(written.remembered), document = \(written.document)
                    WHERE user_pool_id = \(userPoolID) AND user_key = \(userKey) AND device_key = \(deviceKey)
                    """,
                    logger: self.logger
                ).collect()
                return written
            }
        }
    }

    public func deleteDevice(userPoolID: String, userKey: String, deviceKey: String) async throws {
        try await self.perform {
            let deleted = try await self.client.query(
                """
                DELETE FROM devices WHERE user_pool_id = \(userPoolID) AND user_key = \(userKey) AND device_key = \(deviceKey)
                RETURNING device_key
                """,
                logger: self.logger
            ).collect()
            if deleted.isEmpty { throw StorageError.notFound }
        }
    }

    /// `LIMIT limit + 1`: the extra row, never returned, tells whether another page follows.
    public func devices(userPoolID: String, userKey: String, rememberedOnly: Bool, after: String?, limit: Int) async throws -> Page<DeviceRecord> {
        let limit = max(limit, 1)
        return try await self.perform {
            let rows = try await self.client.query(
                """
                SELECT \(unescaped: Self.deviceColumns) FROM devices
                WHERE user_pool_id = \(userPoolID) AND user_key = \(userKey) AND device_key > \(after ?? "")\(unescaped: rememberedOnly ? " AND remembered" : "")
                ORDER BY device_key LIMIT \(limit + 1)
                """,
                logger: self.logger
            ).collect()
            return Page(reading: try rows.map(Self.decodeDevice), limit: limit, cursor: \.deviceKey)
        }
    }

    /// The device, read on `connection` (any of the pool's when `nil`), its row held until the
    /// transaction ends when `locking`.
    private func fetchDevice(on connection: PostgresConnection?, userPoolID: String, userKey: String, deviceKey: String,
                             locking: Bool = false) async throws -> DeviceRecord? {
        let query: PostgresQuery = """
            SELECT \(unescaped: Self.deviceColumns) FROM devices
            WHERE user_pool_id = \(userPoolID) AND user_key = \(userKey) AND device_key = \(deviceKey)\(unescaped: locking ? " FOR NO KEY UPDATE" : "")
            """
        let rows = if let connection {
            try await connection.query(query, logger: self.logger).collect()
        } else {
            try await self.client.query(query, logger: self.logger).collect()
        }
        return try rows.first.map(Self.decodeDevice)
    }

    /// The columns ``decodeDevice(_:)`` reads, in its order. A constant, never a value.
    private static let deviceColumns = "user_pool_id, user_key, device_key, creation_date, last_modified_date, remembered, document"

    private static func decodeDevice(_ row: PostgresRow) throws -> DeviceRecord {
        let (userPoolID, userKey, deviceKey, creationDate, lastModifiedDate, remembered, document) =
            try row.decode((String, String, String, Int64, Int64, Bool, Data).self)
        return DeviceRecord(userPoolID: userPoolID, userKey: userKey, deviceKey: deviceKey,
                            creationDate: Date(millisecondsSince1970: creationDate),
                            lastModifiedDate: Date(millisecondsSince1970: lastModifiedDate), remembered: remembered, document: document)
    }
}
