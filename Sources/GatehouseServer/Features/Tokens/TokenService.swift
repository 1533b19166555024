import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage

/// Issues a pool's tokens: RS256 ID and access tokens signed with the pool's keys (made on first
/// use, ``SigningKeyCache``), and sealed refresh tokens.
struct TokenService: Sendable {
    let storage: any Storage
    let signingKeys: SigningKeyCache
    /// Seals the pools' stored signing keys.
    let signingKeySeal: ServerKey<SealingKey>
    /// Seals refresh tokens.
    let refreshTokenSeal: ServerKey<SealingKey>
    /// What tokens' `iss` starts with.
    let issuerBaseURL: String
    let triggers: Triggers
    let clock: Clock
    let random: RandomSource

    /// The issuer of the pool `userPoolID`'s tokens, with its signing keys as stored now (made on first use).
    func issuer(for userPoolID: String) async throws -> TokenIssuer {
        let keys = try await signingKeys.keys(for: userPoolID, storage: storage, seal: try await signingKeySeal.value(),
                                              clock: clock, random: random)
        return TokenIssuer(keys: keys, issuer: "\(issuerBaseURL)/\(userPoolID)")
    }

    /// When the pool's signing keys were made, or `nil` before its first token.
    func signingKeysCreationDate(for userPoolID: String) async throws -> Date? {
        try await storage.userPoolItem(userPoolID: userPoolID, kind: .signingKeys, key: SigningKeyCache.recordKey)?.creationDate
    }

    /// The ID and access tokens (and a refresh token when asked) of the sign-in `originJTI`, with
    /// the client's lifetimes, as the pool's PreTokenGeneration function changes them. Stores nothing.
    /// - Parameters:
    ///   - source: why the tokens are made, as PreTokenGeneration's event says.
    ///   - clientMetadata: the call's ClientMetadata, for PreTokenGeneration.
    ///   - deviceKey: the device the sign-in was made on: the access token's `device_key`, and
    ///     the only device the refresh token works with.
    ///   - oauth: for the OAuth endpoints' sign-ins, the scopes granted and the ID token's nonce;
    ///     an ID token comes only with the `openid` scope.
    func issue(record: UserRecord, user: StoredUser, client: AppClient, authTime: Date, originJTI: String, includeRefreshToken: Bool,
               source: PreTokenGenerationTrigger.Source, clientMetadata: [String: String]?,
               deviceKey: String? = nil, oauth: OAuthIssue? = nil) async throws -> AuthenticationResultType {
        let issuer = try await issuer(for: client.pool.id)
        let groupRecords = try await storage.groups(ofUserKey: record.key, userPoolID: client.pool.id, after: nil, limit: 100).items
        let groups = GroupClaims(try groupRecords.map { ($0.key, try StoredGroup(record: $0)) })
        let scopes = oauth?.scopes ?? [TokenIssuer.adminScope]
        let customization = try await triggers.preTokenGeneration(source, pool: client.pool, user: user, clientID: client.id, groups: groups,
                                                                  scopes: scopes, clientMetadata: clientMetadata)
        let subject = TokenSubject(clientID: client.id, sub: record.sub, username: user.username, groups: groups,
                                   attributes: ClientAttributeAccess.readable(user.attributes, by: client.settings), authTime: authTime,
                                   originJTI: originJTI, deviceKey: deviceKey, scopes: scopes,
                                   oauth: oauth.map { TokenSubject.OAuthGrant(nonce: $0.nonce) })
        let now = clock.now()
        let lifetimes = TokenLifetimes(client.settings)
        var refreshToken: String?
        if includeRefreshToken {
            refreshToken = RefreshToken(id: random.uuid(), clientID: subject.clientID, sub: record.sub, originJTI: originJTI, authTime: authTime,
                                        expiry: now.addingTimeInterval(TimeInterval(lifetimes.refresh)), deviceKey: deviceKey,
                                        scopes: oauth?.scopes)
                .sealed(with: try await refreshTokenSeal.value(), random: random)
        }
        let accessToken = issuer.accessToken(for: subject, now: now, lifetime: lifetimes.access, random: random, customization: customization)
        let includeIdToken = oauth?.scopes.contains(OAuthScopes.openID) ?? true
        return AuthenticationResultType(
            accessToken: accessToken, expiresIn: lifetimes.access, tokenType: "Bearer", refreshToken: refreshToken,
            idToken: includeIdToken ? issuer.idToken(for: subject, now: now, lifetime: lifetimes.id, random: random,
                                                     customization: customization, accessToken: accessToken) : nil)
    }

    /// What an OAuth endpoint's tokens carry beyond the API's.
    struct OAuthIssue: Sendable {
        var scopes: [String]
        var nonce: String?
    }
}
