import CognitoModel

extension SignInFeature {
    /// Answers the challenge of a sign-in AdminInitiateAuth started.
    func adminRespondToAuthChallenge(_ input: AdminRespondToAuthChallengeRequest,
                                     context: CallContext) async throws -> AdminRespondToAuthChallengeResponse {
        let poolID = try input.userPoolId.required
        let client = try await directory.poolClient(try input.clientId.required, of: try await directory.pool(poolID, context: context))
        let outcome = try await answer(try input.challengeName.required, responses: input.challengeResponses, session: input.session,
                                       client: client, metadata: input.clientMetadata,
                                       origin: SignInOrigin(input.contextData, context: context))
        return AdminRespondToAuthChallengeResponse(challengeName: outcome.challengeName, session: outcome.session,
                                                   challengeParameters: outcome.challengeParameters ?? [:],
                                                   authenticationResult: outcome.authenticationResult)
    }
}
