/// The devices of users (``DeviceRecord``), each keyed by its pool, its user's key and its device
/// key, and deleted with its user and with its pool.
public protocol DeviceStore: Sendable {
    /// Stores a new device of an existing user. A user deleted concurrently either takes the
    /// device with it or makes this call fail.
    /// - Throws: ``StorageError/notFound`` when the user does not exist; ``StorageError/duplicate``
    ///   when the user has a device with the same key.
    func insertDevice(_ device: DeviceRecord) async throws

    /// The user's device with this key, or `nil`.
    func device(userPoolID: String, userKey: String, deviceKey: String) async throws -> DeviceRecord?

    /// Changes a device atomically: `change` may run more than once and must not have side
    /// effects; an error it throws aborts with nothing written and is rethrown. Only
    /// `lastModifiedDate`, `remembered` and `document` can change; nothing is written when none did.
    /// - Returns: the device as written.
    /// - Throws: ``StorageError/notFound`` when the device does not exist.
    func updateDevice(userPoolID: String, userKey: String, deviceKey: String,
                      _ change: @escaping @Sendable (inout DeviceRecord) throws -> Void) async throws -> DeviceRecord

    /// Deletes a device.
    /// - Throws: ``StorageError/notFound`` when the device does not exist.
    func deleteDevice(userPoolID: String, userKey: String, deviceKey: String) async throws

    /// The user's devices (only the remembered ones when `rememberedOnly`) in ascending device key
    /// order (byte order), starting after the device whose key is `after`. A user that does not
    /// exist has none. The remembered ones are read through an index of their own, however many
    /// others the user has.
    /// - Parameter limit: at least 1.
    /// - Returns: at most `limit` devices; `nextCursor` is set when more follow.
    func devices(userPoolID: String, userKey: String, rememberedOnly: Bool, after: String?, limit: Int) async throws -> Page<DeviceRecord>
}
