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
    /// - Parameter deviceKey: the device the sign-in was made on: the access token's `device_key`, and
    ///   the only device the refresh token works with.
    func issue(record: UserRecord, user: StoredUser, client: AppClient, authTime: Date, originJTI: String, includeRefreshToken: Bool,
               source: PreTokenGenerationTrigger.Source, clientMetadata: [String: String]?,
               deviceKey: String? = nil) async throws -> AuthenticationResultType {
        let issuer = try await issuer(for: client.pool.id)
        let groupRecords = try await storage.groups(ofUserKey: record.key, userPoolID: client.pool.id, after: nil, limit: 100).items
        let groups = GroupClaims(try groupRecords.map { ($0.key, try StoredGroup(record: $0)) })
        let customization = try await triggers.preTokenGeneration(source, pool: client.pool, user: user, clientID: client.id, groups: groups,
                                                                  scopes: [TokenIssuer.adminScope], clientMetadata: clientMetadata)
        let subject = TokenSubject(clientID: client.id, sub: record.sub, username: user.username, groups: groups,
                                   attributes: ClientAttributeAccess.readable(user.attributes, by: client.settings), authTime: authTime,
                                   originJTI: originJTI, deviceKey: deviceKey)
        let now = clock.now()
        let lifetimes = TokenLifetimes(client.settings)
        var refreshToken: String?
        if includeRefreshToken {
            refreshToken = RefreshToken(id: random.uuid(), clientID: subject.clientID, sub: record.sub, originJTI: originJTI, authTime: authTime,
                                        expiry: now.addingTimeInterval(TimeInterval(lifetimes.refresh)), deviceKey: deviceKey)
                .sealed(with: try await refreshTokenSeal.value(), random: random)
        }
        return AuthenticationResultType(
            accessToken: issuer.accessToken(for: subject, now: now, lifetime: lifetimes.access, random: random, customization: customization),
            expiresIn: lifetimes.access, tokenType: "Bearer", refreshToken: refreshToken,
            idToken: issuer.idToken(for: subject, now: now, lifetime: lifetimes.id, random: random, customization: customization))
    }

}
