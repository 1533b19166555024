import AWSWire
import CognitoModel
import GatehouseCore

extension UsersFeature {
    /// The signed-in user, as the access token's app client reads it: developer-only attributes
    /// never, and only its ReadAttributes when it has them.
    func getUser(_ input: GetUserRequest, context: CallContext) async throws -> GetUserResponse {
        let caller = try await accessTokens.caller(try input.accessToken.required)
        let client = try await accessTokens.client(of: caller)
        let user = caller.user
        let mfa = user.mfaSettingList
        return GetUserResponse(username: user.username, userAttributes: ClientAttributeAccess.readable(user.attributes, by: client.settings),
                               mfaOptions: user.mfaOptions.isEmpty ? nil : user.mfaOptions, preferredMfaSetting: mfa.preferred,
                               userMFASettingList: mfa.list)
    }
}
