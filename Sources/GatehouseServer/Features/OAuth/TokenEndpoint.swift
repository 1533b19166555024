import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage

extension OAuthFeature {
    /// `POST /oauth2/token`: tokens for an authorization code, a refresh token, or a client's
    /// own credentials, as the client's AllowedOAuthFlows allow (docs/compatibility.md § Managed login).
    /// - Returns: the response body's JSON.
    /// - Throws: ``OAuthError``.
    func token(_ form: FormFields, authorization: String?, pool: UserPool) async throws -> [UInt8] {
        guard let grantType = form.nonEmpty("grant_type") else { throw OAuthError.invalidRequest }
        let client = try await authenticatedClient(ClientCredentials.of(authorization: authorization, form: form), pool: pool)
        let result: AuthenticationResultType
        switch grantType {
        case "authorization_code": result = try await redeem(form, client: client)
        case "refresh_token": result = try await refresh(form, client: client)
        case "client_credentials": result = try await clientCredentials(form, client: client)
        default: throw OAuthError.unsupportedGrantType
        }
        var writer = JSONWriter()
        writer.beginObject()
        // In the order of Cognito's captured answers.
        if let idToken = result.idToken { writer.member("id_token", idToken) }
        if let accessToken = result.accessToken { writer.member("access_token", accessToken) }
        if let refreshToken = result.refreshToken { writer.member("refresh_token", refreshToken) }
        writer.member("expires_in", result.expiresIn ?? 3600)
        writer.member("token_type", "Bearer")
        writer.endObject()
        return writer.bytes
    }

    /// Whether the client may use the OAuth flow `flow`.
    static func allows(_ client: AppClient, _ flow: OAuthFlowType) -> Bool {
        client.settings.allowedOAuthFlowsUserPoolClient == true && client.settings.allowedOAuthFlows?.contains(flow) == true
    }

    /// authorization_code: the code is used up first (once, across processes), then checked: its
    /// client, expiry, redirect URI and PKCE verifier.
    private func redeem(_ form: FormFields, client: AppClient) async throws -> AuthenticationResultType {
        guard Self.allows(client, .code) else { throw OAuthError.unauthorizedClient }
        guard let text = form.nonEmpty("code"), let redirectURI = form.nonEmpty("redirect_uri") else { throw OAuthError.invalidRequest }
        let now = clock.now()
        guard let code = AuthorizationCode(opening: text, with: try await codeSeal.value()), code.clientID == client.id,
              code.userPoolID == client.pool.id, code.expiry > now,
              try await codeUses.useSession(id: code.id, expiry: code.expiry, now: now) else { throw OAuthError.invalidGrant }
        guard code.redirectURI == redirectURI else { throw OAuthError.unauthorizedClient }
        if let challenge = code.codeChallenge {
            guard let verifier = form.nonEmpty("code_verifier") else { throw OAuthError.invalidRequest }
            guard PKCE.matches(verifier: verifier, challenge: challenge) else { throw OAuthError.invalidGrant }
        }
        guard !code.scopes.isEmpty, let record = try await users.record(withSub: code.sub, in: client.pool) else {
            throw OAuthError.invalidGrant
        }
        let user = try StoredUser(record: record)
        guard user.enabled else { throw OAuthError.invalidGrant }
        return try await tokens.issue(record: record, user: user, client: client, authTime: code.authTime,
                                      originJTI: SignInSessionID.make(at: now, random: random), includeRefreshToken: true,
                                      source: .hostedAuth, clientMetadata: nil,
                                      oauth: TokenService.OAuthIssue(scopes: code.scopes, nonce: code.nonce))
    }

    /// refresh_token: new ID and access tokens with the sign-in's scopes; a new refresh token too
    /// when the client rotates them.
    private func refresh(_ form: FormFields, client: AppClient) async throws -> AuthenticationResultType {
        guard client.settings.allowedOAuthFlowsUserPoolClient == true else { throw OAuthError.unauthorizedClient }
        guard let text = form.nonEmpty("refresh_token") else { throw OAuthError.invalidRequest }
        do {
            let (token, record, user) = try await refreshTokens.unseal(text, client: client)
            return try await refreshTokens.refresh(token, record: record, user: user, client: client,
                                                   rotate: client.settings.refreshTokenRotation?.feature == .enabled,
                                                   clientMetadata: nil, deviceKey: nil)
        } catch let error as AWSServiceError where Self.refusesGrant(error) {
            throw OAuthError.invalidGrant
        }
    }

    /// Whether a refresh's refusal means the refresh token cannot be used (rather than a failure of the server or a trigger).
    private static func refusesGrant(_ error: AWSServiceError) -> Bool {
        ["NotAuthorizedException", "UserNotFoundException", "RefreshTokenReuseException"].contains(error.type)
    }

    /// client_credentials: an access token for the client itself, with the scopes it asks for
    /// that it is allowed (all it is allowed when it asks for none), as the pool's V3_0
    /// PreTokenGeneration function changes it (`aws_client_metadata`, a JSON object, reaches it).
    private func clientCredentials(_ form: FormFields, client: AppClient) async throws -> AuthenticationResultType {
        guard !client.secrets.isEmpty else { throw OAuthError.invalidClient }
        guard client.settings.allowedOAuthFlowsUserPoolClient == true else { throw OAuthError.invalidGrant }
        guard Self.allows(client, .clientCredentials) else { throw OAuthError.unauthorizedClient }
        let scopes = OAuthScopes.allowedPart(of: form.nonEmpty("scope"), allowed: client.settings.allowedOAuthScopes ?? [])
        guard !scopes.isEmpty else { throw OAuthError.invalidScope }
        var metadata: [String: String]?
        if let text = form.nonEmpty("aws_client_metadata") {
            guard let object = (try? JSONNode(parsing: Array(text.utf8)))?.pairs else { throw OAuthError.invalidRequest }
            metadata = object.reduce(into: [:]) { map, pair in map[pair.key] = pair.value.string }
        }
        let customization = try await triggers.preTokenGeneration(clientCredentialsOf: client.id, pool: client.pool, scopes: scopes,
                                                                  clientMetadata: metadata)
        let lifetime = TokenLifetimes(client.settings).access
        let issuer = try await tokens.issuer(for: client.pool.id)
        return AuthenticationResultType(
            accessToken: issuer.clientCredentialsAccessToken(clientID: client.id, scopes: scopes, now: clock.now(), lifetime: lifetime,
                                                             random: random, customization: customization),
            expiresIn: lifetime, tokenType: "Bearer")
    }
}
