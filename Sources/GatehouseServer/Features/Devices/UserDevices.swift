import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage
import Synchronization

/// Users' devices as the features see them: tracked at sign-in, read, changed and forgotten.
struct UserDevices: Sendable {
    let storage: any Storage
    let clock: Clock
    let random: RandomSource

    /// What Cognito answers for a device key the user does not have (docs/compatibility.md § Devices).
    static let notFound = AWSServiceError.resourceNotFoundException("Device does not exist.")

    /// The user's device `key`.
    /// - Throws: ``notFound``.
    func device(_ key: String, of user: UserRecord) async throws -> (record: DeviceRecord, device: StoredDevice) {
        guard let found = try await device(key, userKey: user.key, in: user.userPoolID) else { throw Self.notFound }
        return found
    }

    /// The device `key` of the user keyed `userKey` in the pool `userPoolID`, or `nil`.
    func device(_ key: String, userKey: String, in userPoolID: String) async throws -> (record: DeviceRecord, device: StoredDevice)? {
        guard let record = try await storage.device(userPoolID: userPoolID, userKey: userKey, deviceKey: key) else { return nil }
        return (record, try StoredDevice(record: record))
    }

    /// Changes the user's device `key` atomically; its last-modified date becomes now when `touching`.
    /// - Throws: ``notFound``; what `change` throws.
    @discardableResult
    func update<Outcome: Sendable>(_ key: String, of user: UserRecord, touching: Bool = true,
                                   _ change: @escaping @Sendable (inout StoredDevice) throws -> Outcome) async throws -> Outcome {
        let now = clock.now()
        let outcome = Mutex<Outcome?>(nil)
        do {
            _ = try await storage.updateDevice(userPoolID: user.userPoolID, userKey: user.key, deviceKey: key) { record in
                var device = try StoredDevice(record: record)
                let result = try change(&device)
                outcome.withLock { $0 = result }
                record.document = device.document()
                record.remembered = device.remembered
                if touching { record.lastModifiedDate = now }
            }
        } catch StorageError.notFound {
            throw Self.notFound
        }
        return outcome.withLock { $0! }
    }

    /// Tracks a new device for the user's sign-in: its key and group key, as NewDeviceMetadata gives them.
    func track(for user: UserRecord, in pool: UserPool, ipAddress: String?) async throws -> NewDeviceMetadataType {
        let now = clock.now()
        let key = DeviceTracking.newDeviceKey(region: pool.region, random: random)
        let device = StoredDevice(groupKey: DeviceTracking.newGroupKey(random: random), lastIPUsed: ipAddress, lastAuthenticatedDate: now)
        try await storage.insertDevice(DeviceRecord(userPoolID: user.userPoolID, userKey: user.key, deviceKey: key, creationDate: now,
                                                    lastModifiedDate: now, remembered: false, document: device.document()))
        return NewDeviceMetadataType(deviceKey: key, deviceGroupKey: device.groupKey)
    }

    /// Forgets the user's device `key`.
    /// - Throws: ``notFound``.
    func forget(_ key: String, of user: UserRecord) async throws {
        do {
            try await storage.deleteDevice(userPoolID: user.userPoolID, userKey: user.key, deviceKey: key)
        } catch StorageError.notFound {
            throw Self.notFound
        }
    }

    /// One page of at most `limit` of the user's devices (only the remembered ones when
    /// `rememberedOnly`) in key order after the device key `after`.
    func page(of user: UserRecord, rememberedOnly: Bool, after: String?,
              limit: Int) async throws -> Page<(record: DeviceRecord, device: StoredDevice)> {
        let page = try await storage.devices(userPoolID: user.userPoolID, userKey: user.key, rememberedOnly: rememberedOnly, after: after,
                                             limit: limit)
        return Page(items: try page.items.map { ($0, try StoredDevice(record: $0)) }, nextCursor: page.nextCursor)
    }

    /// The device as DeviceType shows it to its user `owner` of `pool`.
    static func describe(_ record: DeviceRecord, _ device: StoredDevice, owner: StoredUser, pool: UserPool) -> DeviceType {
        DeviceType(deviceKey: record.deviceKey,
                   deviceAttributes: DeviceTracking.attributes(of: device, key: record.deviceKey, owner: owner.username, poolID: pool.id,
                                                               poolARN: pool.arn),
                   deviceCreateDate: record.creationDate, deviceLastModifiedDate: record.lastModifiedDate,
                   // Whole seconds, as Cognito shows it.
                   deviceLastAuthenticatedDate: Date(timeIntervalSince1970: device.lastAuthenticatedDate.timeIntervalSince1970.rounded(.down)))
    }
}
