import AWSWire
import CognitoModel
import GatehouseCore

extension TokensFeature {
    /// Revokes a refresh token and every access token of its sign-in (those it refreshed
    /// included), for an app client with EnableTokenRevocation. The wording of the refusals is
    /// Gatehouse's (docs/compatibility.md).
    func revokeToken(_ input: RevokeTokenRequest, context: CallContext) async throws -> RevokeTokenResponse {
        let clientID = try input.clientId.required
        let text = try input.token.required
        let client: AppClient
        do {
            client = try await directory.appClient(clientID)
        } catch let error as AWSServiceError where error == UserPoolDirectory.clientNotFound(clientID) {
            throw AWSServiceError.unauthorizedException("Invalid client \(clientID).")
        }
        if !client.accepts(secret: input.clientSecret) {
            throw AWSServiceError.unauthorizedException("Client secret is missing or wrong.")
        }
        guard client.settings.enableTokenRevocation != false else {
            throw AWSServiceError.unsupportedOperationException("Token revocation is not enabled for this app client.")
        }
        if JSONWebToken(parsing: text) != nil {
            throw AWSServiceError.unsupportedTokenTypeException("Only refresh tokens can be revoked.")
        }
        let token = try RefreshToken(opening: text, with: try await refreshTokenSeal.value())
        guard token.clientID == clientID, let record = try await users.record(withSub: token.sub, in: client.pool) else {
            // RFC 7009: a token that is not the client's, or whose user is gone, is no error.
            return RevokeTokenResponse()
        }
        let now = clock.now()
        try await users.update(named: record.key, in: client.pool) { user, _ in
            user.revokeSignIn(token.originJTI, expiry: token.expiry, now: now)
        }
        return RevokeTokenResponse()
    }
}
