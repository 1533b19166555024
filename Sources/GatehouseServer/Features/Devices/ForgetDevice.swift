import AWSWire
import CognitoModel

extension DevicesFeature {
    /// The signed-in user forgets one of its devices: its key no longer signs in.
    func forgetDevice(_ input: ForgetDeviceRequest, context: CallContext) async throws -> EmptyOutput {
        let caller = try await accessTokens.caller(try input.accessToken.required)
        try await devices.forget(try input.deviceKey.required, of: caller.record)
        return EmptyOutput()
    }
}
