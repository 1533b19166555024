import CognitoModel

extension SignInFeature {
    /// Answers the challenge of a sign-in an app started.
    func respondToAuthChallenge(_ input: RespondToAuthChallengeRequest, context: CallContext) async throws -> RespondToAuthChallengeResponse {
        let client = try await directory.appClient(try input.clientId.required)
        let outcome = try await answer(try input.challengeName.required, responses: input.challengeResponses, session: input.session,
                                       client: client, metadata: input.clientMetadata,
                                       origin: SignInOrigin(input.userContextData, client: client, context: context))
        return RespondToAuthChallengeResponse(challengeName: outcome.challengeName, session: outcome.session,
                                              challengeParameters: outcome.challengeParameters ?? [:],
                                              authenticationResult: outcome.authenticationResult)
    }
}
