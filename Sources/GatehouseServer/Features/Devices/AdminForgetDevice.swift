import AWSWire
import CognitoModel

extension DevicesFeature {
    /// Forgets one of the user's devices: its key no longer signs in.
    func adminForgetDevice(_ input: AdminForgetDeviceRequest, context: CallContext) async throws -> EmptyOutput {
        let pool = try await directory.pool(try input.userPoolId.required, context: context)
        let user = try await users.record(named: try input.username.required, in: pool)
        try await devices.forget(try input.deviceKey.required, of: user)
        return EmptyOutput()
    }
}
