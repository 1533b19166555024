import AWSWire
import CognitoModel
import GatehouseCore

/// Tokens after sign-in: refreshing them (GetTokensFromRefreshToken), ending them (RevokeToken,
/// GlobalSignOut, AdminUserGlobalSignOut), and what verifiers need (GetSigningCertificate, the
/// pool's JWKS and OpenID discovery document).
struct TokensFeature: Sendable {
    let directory: UserPoolDirectory
    let users: UserDirectory
    let tokens: TokenService
    let refreshTokens: RefreshTokens
    let accessTokens: AccessTokens
    let refreshTokenSeal: ServerKey<SealingKey>
    /// Which domain a pool has, for its discovery document.
    let domains: UserPoolDomains
    let addressing: DomainAddressing
    let clock: Clock

    func register(in registry: inout OperationRegistry) {
        registry.register(Operations.GetTokensFromRefreshToken.self, getTokensFromRefreshToken)
        registry.register(Operations.RevokeToken.self, revokeToken)
        registry.register(Operations.GlobalSignOut.self, globalSignOut)
        registry.register(Operations.AdminUserGlobalSignOut.self, adminUserGlobalSignOut)
        registry.register(Operations.GetSigningCertificate.self, getSigningCertificate)
    }
}
