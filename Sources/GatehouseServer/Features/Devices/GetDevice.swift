import CognitoModel
import GatehouseCore

extension DevicesFeature {
    /// One of the signed-in user's remembered devices; one not remembered does not exist for its user.
    func getDevice(_ input: GetDeviceRequest, context: CallContext) async throws -> GetDeviceResponse {
        let caller = try await accessTokens.caller(try input.accessToken.required)
        let (record, device) = try await devices.device(try input.deviceKey.required, of: caller.record)
        guard device.remembered else { throw UserDevices.notFound }
        return GetDeviceResponse(device: UserDevices.describe(record, device, owner: caller.user, pool: caller.pool))
    }
}
