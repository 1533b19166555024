import CognitoModel
import GatehouseCore
import GatehouseStorage

/// Remembered devices: a user's own (ConfirmDevice, GetDevice, ListDevices, UpdateDeviceStatus,
/// ForgetDevice, with an access token) and an administrator's view of them (AdminGetDevice,
/// AdminListDevices, AdminUpdateDeviceStatus, AdminForgetDevice). Sign-in tracks devices and
/// signs them in (the SignIn feature).
struct DevicesFeature: Sendable {
    let directory: UserPoolDirectory
    let users: UserDirectory
    let devices: UserDevices
    let accessTokens: AccessTokens
    let pages: ListPages

    /// ListDevices' page when Limit is omitted or 0: the most the model allows.
    static let defaultLimit = 60

    func register(in registry: inout OperationRegistry) {
        registry.register(Operations.ConfirmDevice.self, confirmDevice)
        registry.register(Operations.GetDevice.self, getDevice)
        registry.register(Operations.ListDevices.self, listDevices)
        registry.register(Operations.UpdateDeviceStatus.self, updateDeviceStatus)
        registry.register(Operations.ForgetDevice.self, forgetDevice)
        registry.register(Operations.AdminGetDevice.self, adminGetDevice)
        registry.register(Operations.AdminListDevices.self, adminListDevices)
        registry.register(Operations.AdminUpdateDeviceStatus.self, adminUpdateDeviceStatus)
        registry.register(Operations.AdminForgetDevice.self, adminForgetDevice)
    }

    /// One page of the user's devices (only the remembered ones when `rememberedOnly`), as
    /// DeviceType, Limit at a time.
    func list(of user: UserRecord, _ stored: StoredUser, in pool: UserPool, rememberedOnly: Bool, limit: Int?, paginationToken: String?,
              operation: String) async throws -> (devices: [DeviceType], paginationToken: String?) {
        let limit = limit.flatMap { $0 > 0 ? $0 : nil } ?? Self.defaultLimit
        let page = try await pages.page(of: "\(operation)/\(pool.id)/\(user.key)", nextToken: paginationToken) { after in
            try await devices.page(of: user, rememberedOnly: rememberedOnly, after: after, limit: limit)
        }
        return (page.items.map { UserDevices.describe($0.record, $0.device, owner: stored, pool: pool) }, page.nextToken)
    }

    /// `remembered` or `not_remembered` (the latter when the call gives none) on the user's confirmed
    /// device; a device only tracked does not exist for it (docs/compatibility.md § Devices).
    func setStatus(_ status: DeviceRememberedStatusType?, device key: String, of user: UserRecord) async throws {
        try await devices.update(key, of: user) { device in
            guard device.isConfirmed else { throw UserDevices.notFound }
            device.remembered = status == .remembered
        }
    }
}
