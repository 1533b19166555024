import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage
import HTTPTypes
import Hummingbird
import NIOCore

/// The OAuth 2.0 endpoints of a pool's domain that apps call without a browser: `/oauth2/token`
/// (authorization_code with PKCE, refresh_token, client_credentials), `/oauth2/userInfo` and
/// `/oauth2/revoke`.
struct OAuthFeature: Sendable {
    let resolver: PoolDomainResolver
    let directory: UserPoolDirectory
    let users: UserDirectory
    let tokens: TokenService
    let refreshTokens: RefreshTokens
    let accessTokens: AccessTokens
    /// Revokes refresh tokens (RevokeToken).
    let revocation: TokensFeature
    /// Records each authorization code's single use.
    let codeUses: any SessionUseStore
    /// Opens authorization codes.
    let codeSeal: ServerKey<SealingKey>
    let triggers: Triggers
    let clock: Clock
    let random: RandomSource

    func register(on router: Router<GatehouseRequestContext>) {
        resolver.route(router, .post, "/oauth2/token") { request, _, domain in
            do {
                return OAuthResponses.json(try await token(try await Self.form(request), authorization: request.headers[.authorization],
                                                           pool: domain.pool))
            } catch let error as OAuthError {
                return error.response
            }
        }
        for method in [HTTPRequest.Method.get, .post] {
            resolver.route(router, method, "/oauth2/userInfo") { request, _, domain in
                do {
                    return OAuthResponses.json(try await userInfo(authorization: request.headers[.authorization], pool: domain.pool))
                } catch let refusal as UserInfoRefusal {
                    var writer = JSONWriter()
                    writer.beginObject()
                    writer.member("error", refusal.error)
                    writer.member("error_description", refusal.description)
                    writer.endObject()
                    return OAuthResponses.json(writer.bytes, status: .init(code: refusal.status), headers: [.wwwAuthenticate: refusal.challenge])
                }
            }
        }
        resolver.route(router, .post, "/oauth2/revoke") { request, context, domain in
            do {
                try await revoke(try await Self.form(request), authorization: request.headers[.authorization], pool: domain.pool,
                                 context: ManagedLoginFeature.callContext(context, pool: domain.pool))
                return OAuthResponses.json([])
            } catch let error as OAuthError {
                return error.response
            }
        }
        for (path, methods) in [("/oauth2/token", "POST"), ("/oauth2/userInfo", "GET, POST"), ("/oauth2/revoke", "POST")] {
            resolver.route(router, .options, path) { request, _, _ in OAuthResponses.preflight(request, methods: methods) }
        }
    }

    /// A request's form body.
    /// - Throws: ``OAuthError/invalidRequest`` when it is not one.
    static func form(_ request: Request) async throws -> FormFields {
        guard let form = try await request.formFields() else { throw OAuthError.invalidRequest }
        return form
    }

    /// The app client a request to the token or revocation endpoint authenticates as, of the
    /// domain's pool, its secret checked (any of its secrets) in constant time.
    /// - Throws: ``OAuthError/invalidClient``.
    func authenticatedClient(_ credentials: ClientCredentials?, pool: UserPool) async throws -> AppClient {
        guard let credentials else { throw OAuthError.invalidClient }
        let client: AppClient
        do {
            client = try await directory.poolClient(credentials.clientID, of: pool)
        } catch let error as AWSServiceError where error == UserPoolDirectory.clientNotFound(credentials.clientID) {
            throw OAuthError.invalidClient
        }
        // A public client sends no secret (an empty one, in Basic).
        let secret = credentials.secret.flatMap { $0.isEmpty ? nil : $0 }
        guard client.accepts(secret: secret), secret == nil || !client.secrets.isEmpty else {
            throw OAuthError.invalidClient
        }
        return client
    }
}
