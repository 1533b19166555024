import AWSWire
import CognitoModel
import GatehouseCore

extension TokensFeature {
    /// New tokens from a refresh token; with the client's RefreshTokenRotation ENABLED also a new
    /// refresh token, the old one retired after RetryGracePeriodSeconds.
    /// - Throws: `NotAuthorizedException` for a missing or wrong ClientSecret (Gatehouse's words,
    ///   docs/compatibility.md), and what REFRESH_TOKEN_AUTH refuses.
    func getTokensFromRefreshToken(_ input: GetTokensFromRefreshTokenRequest,
                                   context: CallContext) async throws -> GetTokensFromRefreshTokenResponse {
        let clientID = try input.clientId.required
        let client = try await directory.appClient(clientID)
        if !client.accepts(secret: input.clientSecret) {
            throw AWSServiceError.notAuthorizedException("Unable to verify the client secret of client \(clientID)")
        }
        try SignInRules.checkFlowEnabled(.refreshTokenAuth, for: client.settings)
        let (token, record, user) = try await refreshTokens.unseal(try input.refreshToken.required, client: client)
        let rotate = client.settings.refreshTokenRotation?.feature == .enabled
        return GetTokensFromRefreshTokenResponse(
            authenticationResult: try await refreshTokens.refresh(token, record: record, user: user, client: client, rotate: rotate,
                                                                        clientMetadata: input.clientMetadata, deviceKey: input.deviceKey))
    }
}
