import CognitoModel
import GatehouseCore

extension DevicesFeature {
    /// Any device of the user, remembered or not.
    func adminGetDevice(_ input: AdminGetDeviceRequest, context: CallContext) async throws -> AdminGetDeviceResponse {
        let pool = try await directory.pool(try input.userPoolId.required, context: context)
        let user = try await users.record(named: try input.username.required, in: pool)
        let (record, device) = try await devices.device(try input.deviceKey.required, of: user)
        return AdminGetDeviceResponse(device: UserDevices.describe(record, device, owner: try StoredUser(record: user), pool: pool))
    }
}
