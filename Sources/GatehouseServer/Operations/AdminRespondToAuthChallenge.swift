import AWSWire
import CognitoModel
import GatehouseCore

extension Gatehouse {
    /// Answers the challenge of a sign-in AdminInitiateAuth started.
    func adminRespondToAuthChallenge(_ input: AdminRespondToAuthChallengeRequest,
                                     context: CallContext) async throws -> AdminRespondToAuthChallengeResponse {
        let poolID = try input.userPoolId.required
        _ = try await userPoolRecord(poolID, context: context)
        let (client, pool) = try await appClient(try input.clientId.required, userPoolID: poolID)
        let outcome = try await answerChallenge(try input.challengeName.required, responses: input.challengeResponses,
                                                session: input.session, pool: pool, client: client)
        return AdminRespondToAuthChallengeResponse(challengeName: outcome.challengeName, session: outcome.session,
                                                   challengeParameters: outcome.challengeParameters ?? [:],
                                                   authenticationResult: outcome.authenticationResult)
    }
}
