import AWSWire
import CognitoModel
import GatehouseCore

extension DevicesFeature {
    /// The signed-in user confirms a device a sign-in tracked: its secret (DeviceSecretVerifierConfig)
    /// and name are stored, and it is remembered at once unless the pool asks the user first
    /// (UserConfirmationNecessary).
    /// - Throws: `InvalidParameterException` "Invalid device key given." for a key the user's sign-ins
    ///   did not give, or a secret that is not one; `DeviceKeyExistsException` for a device confirmed before.
    func confirmDevice(_ input: ConfirmDeviceRequest, context: CallContext) async throws -> ConfirmDeviceResponse {
        let caller = try await accessTokens.caller(try input.accessToken.required)
        let key = try input.deviceKey.required
        guard let tracking = caller.pool.devices else { throw Self.invalidDeviceKey }
        guard let config = input.deviceSecretVerifierConfig,
              let secret = PasswordVerifier(deviceSecretVerifier: config.passwordVerifier ?? "", salt: config.salt ?? "") else {
            throw Self.invalidDeviceKey
        }
        do {
            let necessary = try await devices.update(key, of: caller.record) { device in
                guard !device.isConfirmed else { throw Self.deviceKeyExists }
                return tracking.confirm(&device, secret: secret, name: input.deviceName, ipAddress: context.sourceIPAddress)
            }
            return ConfirmDeviceResponse(userConfirmationNecessary: necessary)
        } catch let error as AWSServiceError where error == UserDevices.notFound {
            throw Self.invalidDeviceKey
        }
    }

    /// Cognito's answer to a ConfirmDevice it cannot take (boto/boto3#4059).
    static let invalidDeviceKey = AWSServiceError.invalidParameterException("Invalid device key given.")
    /// A second ConfirmDevice of one key (ours: Cognito's text is not known).
    static let deviceKeyExists = AWSServiceError.deviceKeyExistsException("Device key already exists.")
}
