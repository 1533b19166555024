import CognitoModel

extension DevicesFeature {
    /// Remembers one of the user's confirmed devices, or stops remembering it.
    func adminUpdateDeviceStatus(_ input: AdminUpdateDeviceStatusRequest, context: CallContext) async throws -> AdminUpdateDeviceStatusResponse {
        let pool = try await directory.pool(try input.userPoolId.required, context: context)
        let user = try await users.record(named: try input.username.required, in: pool)
        try await setStatus(input.deviceRememberedStatus, device: try input.deviceKey.required, of: user)
        return AdminUpdateDeviceStatusResponse()
    }
}
