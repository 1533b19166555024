import AWSWire
import CognitoModel
import GatehouseCore

extension Gatehouse {
    /// Keeps the signed-in user's legacy MFA options (SMS), which GetUser shows.
    func setUserSettings(_ input: SetUserSettingsRequest, context: CallContext) async throws -> SetUserSettingsResponse {
        let (_, pool, record, _) = try await accessTokenUser(try input.accessToken.required)
        let options = try input.mfaOptions.required
        try await updateUser(named: record.key, in: pool) { user, _ in user.mfaOptions = options }
        return SetUserSettingsResponse()
    }
}
