import CognitoModel
import GatehouseCore

extension SignInFeature {
    /// Signs a user in from an app: USER_SRP_AUTH, USER_PASSWORD_AUTH or REFRESH_TOKEN_AUTH, as the
    /// app client allows.
    func initiateAuth(_ input: InitiateAuthRequest, context: CallContext) async throws -> InitiateAuthResponse {
        let flow = try input.authFlow.required
        let client = try await directory.appClient(try input.clientId.required)
        try SignInRules.checkSupported(flow, among: SignInRules.initiateAuthFlows)
        let outcome = try await start(flow, parameters: input.authParameters, client: client, validationData: input.clientMetadata,
                                       origin: SignInOrigin(input.userContextData, client: client, context: context))
        return InitiateAuthResponse(challengeName: outcome.challengeName, session: outcome.session,
                                    challengeParameters: outcome.challengeParameters ?? [:],
                                    authenticationResult: outcome.authenticationResult)
    }
}
