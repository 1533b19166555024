import AWSWire
import Foundation
import GatehouseCore

extension TokensFeature {
    /// The body of `GET /{poolId}/.well-known/jwks.json`: the public keys of the pool's ID and
    /// access tokens.
    /// - Throws: `ResourceNotFoundException` when the pool does not exist.
    func jwks(userPoolID: String) async throws -> [UInt8] {
        _ = try await directory.record(named: userPoolID)
        return try await tokens.issuer(for: userPoolID).keys.jwks(at: tokens.clock.now())
    }

    /// The body of `GET /{poolId}/.well-known/openid-configuration`: the OpenID Connect discovery
    /// document of the pool's issuer, with the OAuth endpoints of its domain (the prefix domain,
    /// else the custom one) when it has one, in the order of Cognito's (alphabetical).
    /// - Throws: `ResourceNotFoundException` when the pool does not exist.
    func openIDConfiguration(userPoolID: String) async throws -> [UInt8] {
        let pool = try await directory.pool(named: userPoolID)
        let issuer = "\(tokens.issuerBaseURL)/\(userPoolID)"
        let domain = try await domains.url(of: pool, addressing: addressing)
        var writer = JSONWriter()
        writer.beginObject()
        if let domain {
            writer.member("authorization_endpoint", "\(domain)/oauth2/authorize")
            writer.member("end_session_endpoint", "\(domain)/logout")
        }
        writer.member("id_token_signing_alg_values_supported", ["RS256"])
        writer.member("issuer", issuer)
        writer.member("jwks_uri", "\(issuer)/.well-known/jwks.json")
        writer.member("response_types_supported", ["code", "token"])
        if let domain { writer.member("revocation_endpoint", "\(domain)/oauth2/revoke") }
        writer.member("scopes_supported", ["openid", "email", "phone", "profile"])
        writer.member("subject_types_supported", ["public"])
        if let domain { writer.member("token_endpoint", "\(domain)/oauth2/token") }
        writer.member("token_endpoint_auth_methods_supported", ["client_secret_basic", "client_secret_post"])
        if let domain { writer.member("userinfo_endpoint", "\(domain)/oauth2/userInfo") }
        writer.endObject()
        return writer.bytes
    }
}
