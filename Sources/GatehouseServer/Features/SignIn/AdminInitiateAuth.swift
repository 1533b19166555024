import CognitoModel
import GatehouseCore

extension SignInFeature {
    /// Signs a user in from a server with IAM credentials: ADMIN_USER_PASSWORD_AUTH (or its legacy
    /// name ADMIN_NO_SRP_AUTH), USER_SRP_AUTH or REFRESH_TOKEN_AUTH, as the app client allows.
    func adminInitiateAuth(_ input: AdminInitiateAuthRequest, context: CallContext) async throws -> AdminInitiateAuthResponse {
        let flow = try input.authFlow.required
        let poolID = try input.userPoolId.required
        let client = try await directory.poolClient(try input.clientId.required, of: try await directory.pool(poolID, context: context))
        try SignInRules.checkSupported(flow, among: SignInRules.adminInitiateAuthFlows)
        let outcome = try await start(flow, parameters: input.authParameters, client: client, validationData: input.clientMetadata,
                                       origin: SignInOrigin(input.contextData, context: context))
        return AdminInitiateAuthResponse(challengeName: outcome.challengeName, session: outcome.session,
                                         challengeParameters: outcome.challengeParameters ?? [:],
                                         authenticationResult: outcome.authenticationResult)
    }
}
