import AWSWire
import CognitoModel
import GatehouseCore

extension Gatehouse {
    /// Signs the access token's user out everywhere: every token of every earlier sign-in stops working.
    func globalSignOut(_ input: GlobalSignOutRequest, context: CallContext) async throws -> GlobalSignOutResponse {
        let (_, pool, record, _) = try await accessTokenUser(try input.accessToken.required)
        let now = clock.now()
        try await updateUser(named: record.key, in: pool) { user, _ in user.signOutEverywhere(now: now) }
        return GlobalSignOutResponse()
    }
}
