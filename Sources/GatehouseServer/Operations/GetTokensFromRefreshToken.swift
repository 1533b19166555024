import AWSWire
import CognitoModel
import GatehouseCore

extension Gatehouse {
    /// New tokens from a refresh token; with the client's RefreshTokenRotation ENABLED also a new
    /// refresh token, the old one retired after RetryGracePeriodSeconds.
    /// - Throws: `NotAuthorizedException` for a missing or wrong ClientSecret (Gatehouse's words,
    ///   docs/compatibility.md), and what REFRESH_TOKEN_AUTH refuses.
    func getTokensFromRefreshToken(_ input: GetTokensFromRefreshTokenRequest,
                                   context: CallContext) async throws -> GetTokensFromRefreshTokenResponse {
        let clientID = try input.clientId.required
        let (client, pool) = try await appClient(clientID)
        if let secret = client.clientSecret, input.clientSecret != secret {
            throw AWSServiceError.notAuthorizedException("Unable to verify the client secret of client \(clientID)")
        }
        try Self.checkFlowEnabled(.refreshTokenAuth, for: client)
        let (token, record, user) = try await openRefreshToken(try input.refreshToken.required, pool: pool, client: client)
        let rotate = client.refreshTokenRotation?.feature == .enabled
        return GetTokensFromRefreshTokenResponse(
            authenticationResult: try await refresh(token, record: record, user: user, pool: pool, client: client, rotate: rotate))
    }
}
