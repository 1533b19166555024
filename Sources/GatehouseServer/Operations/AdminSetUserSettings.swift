import AWSWire
import CognitoModel
import GatehouseCore

extension Gatehouse {
    /// Keeps a user's legacy MFA options (SMS), as SetUserSettings does for the signed-in user.
    func adminSetUserSettings(_ input: AdminSetUserSettingsRequest, context: CallContext) async throws -> AdminSetUserSettingsResponse {
        let pool = try await userPool(try input.userPoolId.required, context: context)
        let options = try input.mfaOptions.required
        try await updateUser(named: try input.username.required, in: pool) { user, _ in user.mfaOptions = options }
        return AdminSetUserSettingsResponse()
    }
}
