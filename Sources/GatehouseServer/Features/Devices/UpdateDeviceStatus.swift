import CognitoModel

extension DevicesFeature {
    /// The signed-in user remembers one of its confirmed devices, or stops remembering it.
    func updateDeviceStatus(_ input: UpdateDeviceStatusRequest, context: CallContext) async throws -> UpdateDeviceStatusResponse {
        let caller = try await accessTokens.caller(try input.accessToken.required)
        try await setStatus(input.deviceRememberedStatus, device: try input.deviceKey.required, of: caller.record)
        return UpdateDeviceStatusResponse()
    }
}
