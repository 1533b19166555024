import AWSWire
import CognitoModel
import GatehouseCore

extension Gatehouse {
    /// The signed-in user, as the access token's app client reads it: developer-only attributes
    /// never, and only its ReadAttributes when it has them.
    func getUser(_ input: GetUserRequest, context: CallContext) async throws -> GetUserResponse {
        let (claims, pool, _, user) = try await accessTokenUser(try input.accessToken.required)
        let client = try await tokenClient(claims, pool: pool, context: context)
        let mfa = Self.mfaSettings(of: user)
        return GetUserResponse(username: user.username, userAttributes: Self.readable(user.attributes, by: client),
                               mfaOptions: user.mfaOptions.isEmpty ? nil : user.mfaOptions, preferredMfaSetting: mfa.preferred,
                               userMFASettingList: mfa.list)
    }
}
