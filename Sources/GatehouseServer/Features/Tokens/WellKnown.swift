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
    /// document of the pool's issuer. Without a domain there are no OAuth endpoints to list.
    /// - Throws: `ResourceNotFoundException` when the pool does not exist.
    func openIDConfiguration(userPoolID: String) async throws -> [UInt8] {
        _ = try await directory.record(named: userPoolID)
        let issuer = "\(tokens.issuerBaseURL)/\(userPoolID)"
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("id_token_signing_alg_values_supported", ["RS256"])
        writer.member("issuer", issuer)
        writer.member("jwks_uri", "\(issuer)/.well-known/jwks.json")
        writer.member("response_types_supported", ["code", "token"])
        writer.member("scopes_supported", ["openid", "email", "phone", "profile"])
        writer.member("subject_types_supported", ["public"])
        writer.member("token_endpoint_auth_methods_supported", ["client_secret_basic", "client_secret_post"])
        writer.endObject()
        return writer.bytes
    }
}
