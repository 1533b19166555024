import AWSWire
import CognitoModel
import GatehouseCore

extension Gatehouse {
    /// Signs a user in from an app: USER_SRP_AUTH, USER_PASSWORD_AUTH or REFRESH_TOKEN_AUTH, as the
    /// app client allows.
    func initiateAuth(_ input: InitiateAuthRequest, context: CallContext) async throws -> InitiateAuthResponse {
        let flow = try input.authFlow.required
        let (client, pool) = try await appClient(try input.clientId.required)
        try Self.checkSupported(flow, among: [.userSrpAuth, .userPasswordAuth, .refreshTokenAuth, .refreshToken])
        let outcome = try await initiateAuth(flow, parameters: input.authParameters, pool: pool, client: client)
        return InitiateAuthResponse(challengeName: outcome.challengeName, session: outcome.session,
                                    challengeParameters: outcome.challengeParameters ?? [:],
                                    authenticationResult: outcome.authenticationResult)
    }

    /// Checks that a sign-in operation takes `flow`.
    /// - Throws: `InvalidParameterException` "Initiate Auth method not supported." for a flow of
    ///   the other operation (ADMIN_ flows on InitiateAuth, USER_PASSWORD_AUTH on AdminInitiateAuth);
    ///   `NotImplementedException` for CUSTOM_AUTH and USER_AUTH, which Gatehouse does not run yet.
    static func checkSupported(_ flow: AuthFlowType, among supported: [AuthFlowType]) throws(AWSServiceError) {
        if flow == .customAuth || flow == .userAuth {
            throw AWSServiceError(type: "NotImplementedException", message: "Gatehouse does not implement the \(flow.rawValue) flow yet.",
                                  status: 400)
        }
        guard supported.contains(flow) else { throw .invalidParameterException("Initiate Auth method not supported.") }
    }
}
