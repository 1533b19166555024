import AWSWire
import CognitoModel
import GatehouseCore

extension OAuthFeature {
    /// `POST /oauth2/revoke`: revokes a refresh token as RevokeToken does, answered as the
    /// revocation endpoint's documentation says: an empty 200 also for a token that is not valid.
    /// - Throws: ``OAuthError``: `invalid_request` without a token or for a client without
    ///   revocation, `invalid_client`, `unsupported_token_type` for an ID or access token.
    func revoke(_ form: FormFields, authorization: String?, pool: UserPool, context: CallContext) async throws {
        guard let token = form.nonEmpty("token") else { throw OAuthError.invalidRequest }
        let client = try await authenticatedClient(ClientCredentials.of(authorization: authorization, form: form), pool: pool)
        do {
            _ = try await revocation.revokeToken(RevokeTokenRequest(token: token, clientId: client.id, clientSecret: client.secrets.first),
                                                 context: context)
        } catch let error as AWSServiceError {
            switch error.type {
            case "UnsupportedOperationException": throw OAuthError.invalidRequest
            case "UnsupportedTokenTypeException": throw OAuthError.unsupportedTokenType
            case "NotAuthorizedException": return
            default: throw error
            }
        }
    }
}
