import AWSWire
import CognitoModel
import GatehouseCore

extension Gatehouse {
    /// Answers the challenge of a sign-in an app started (PASSWORD_VERIFIER, NEW_PASSWORD_REQUIRED).
    func respondToAuthChallenge(_ input: RespondToAuthChallengeRequest, context: CallContext) async throws -> RespondToAuthChallengeResponse {
        let (client, pool) = try await appClient(try input.clientId.required)
        let outcome = try await answerChallenge(try input.challengeName.required, responses: input.challengeResponses,
                                                session: input.session, pool: pool, client: client)
        return RespondToAuthChallengeResponse(challengeName: outcome.challengeName, session: outcome.session,
                                              challengeParameters: outcome.challengeParameters ?? [:],
                                              authenticationResult: outcome.authenticationResult)
    }
}
