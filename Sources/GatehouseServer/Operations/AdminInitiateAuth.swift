import AWSWire
import CognitoModel
import GatehouseCore

extension Gatehouse {
    /// Signs a user in from a server with IAM credentials: ADMIN_USER_PASSWORD_AUTH (or its legacy
    /// name ADMIN_NO_SRP_AUTH), USER_SRP_AUTH or REFRESH_TOKEN_AUTH, as the app client allows.
    func adminInitiateAuth(_ input: AdminInitiateAuthRequest, context: CallContext) async throws -> AdminInitiateAuthResponse {
        let flow = try input.authFlow.required
        let poolID = try input.userPoolId.required
        _ = try await userPoolRecord(poolID, context: context)
        let (client, pool) = try await appClient(try input.clientId.required, userPoolID: poolID)
        try Self.checkSupported(flow, among: [.userSrpAuth, .adminUserPasswordAuth, .adminNoSrpAuth, .refreshTokenAuth, .refreshToken])
        let outcome = try await initiateAuth(flow, parameters: input.authParameters, pool: pool, client: client)
        return AdminInitiateAuthResponse(challengeName: outcome.challengeName, session: outcome.session,
                                         challengeParameters: outcome.challengeParameters ?? [:],
                                         authenticationResult: outcome.authenticationResult)
    }
}
