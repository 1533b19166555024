import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage

extension Gatehouse {
    /// The issuer of the pool `userPoolID`'s tokens, with its signing keys (made on first use).
    func tokenIssuer(for userPoolID: String) async throws -> TokenIssuer {
        let keys = try await signingKeys.keys(for: userPoolID, storage: storage, seal: try await signingKeySeal.value(),
                                              clock: clock, random: random)
        return TokenIssuer(keys: keys, issuer: "\(issuerBaseURL)/\(userPoolID)")
    }

    /// The ID and access tokens (and a refresh token when asked) of the sign-in `originJTI`, with
    /// the client's lifetimes.
    func issueTokens(record: UserRecord, user: StoredUser, pool: UserPoolType, client: UserPoolClientType, authTime: Date,
                     originJTI: String, includeRefreshToken: Bool) async throws -> AuthenticationResultType {
        let poolID = pool.id ?? ""
        let issuer = try await tokenIssuer(for: poolID)
        let groups = try await storage.groups(ofUserKey: record.key, userPoolID: poolID, after: nil, limit: 100).items.map(\.key)
        let subject = TokenSubject(clientID: client.clientId ?? "", sub: record.sub, username: user.username, groups: groups,
                                   attributes: Self.readable(user.attributes, by: client), authTime: authTime, originJTI: originJTI)
        let now = clock.now()
        let lifetimes = Self.tokenLifetimes(client)
        var refreshToken: String?
        if includeRefreshToken {
            refreshToken = RefreshToken(id: random.uuid(), clientID: subject.clientID, sub: record.sub, originJTI: originJTI, authTime: authTime,
                                        expiry: now.addingTimeInterval(TimeInterval(lifetimes.refresh)))
                .sealed(with: try await signInSeal.value(), random: random)
        }
        return AuthenticationResultType(
            accessToken: issuer.accessToken(for: subject, now: now, lifetime: lifetimes.access, random: random),
            expiresIn: lifetimes.access, tokenType: "Bearer", refreshToken: refreshToken,
            idToken: issuer.idToken(for: subject, now: now, lifetime: lifetimes.id, random: random))
    }

    /// A client's token lifetimes in seconds: its AccessTokenValidity and IdTokenValidity (hours
    /// unless TokenValidityUnits says otherwise; 1 hour when unset) and RefreshTokenValidity (days).
    static func tokenLifetimes(_ client: UserPoolClientType) -> (access: Int, id: Int, refresh: Int) {
        let units = client.tokenValidityUnits
        func seconds(_ value: Int?, _ unit: TimeUnitsType?, fallback: TimeUnitsType, default defaultSeconds: Int) -> Int {
            guard let value, value > 0 else { return defaultSeconds }
            return value * UserPoolClientConfiguration.seconds(in: unit, fallback: fallback)
        }
        return (seconds(client.accessTokenValidity, units?.accessToken, fallback: .hours, default: 3_600),
                seconds(client.idTokenValidity, units?.idToken, fallback: .hours, default: 3_600),
                seconds(client.refreshTokenValidity, units?.refreshToken, fallback: .days,
                        default: UserPoolClientConfiguration.defaultRefreshTokenValiditySeconds))
    }

    /// The user an access token is for, after every check Cognito makes: this server's signature
    /// with the pool's access key, expiry, `token_use`, the `aws.cognito.signin.user.admin` scope,
    /// and that neither a global sign-out nor a revocation has ended its sign-in.
    /// - Throws: `NotAuthorizedException` ("Invalid Access Token", "Access Token has expired",
    ///   "Access Token does not have required scopes", "Access Token has been revoked",
    ///   "User is disabled."); `UserNotFoundException` for a user deleted since.
    func accessTokenUser(_ token: String) async throws -> (claims: AccessTokenClaims, pool: UserPoolType, record: UserRecord, user: StoredUser) {
        guard let jwt = JSONWebToken(parsing: token), let poolID = AccessTokenClaims.userPoolID(of: jwt),
              let poolRecord = try await storage.userPool(id: poolID) else {
            throw AccessTokenClaims.invalid
        }
        let claims = try AccessTokenClaims(verifying: jwt, issuer: try await tokenIssuer(for: poolID), now: clock.now())
        guard claims.scopes.contains(TokenIssuer.adminScope) else {
            throw AWSServiceError.notAuthorizedException("Access Token does not have required scopes")
        }
        guard let record = try await storage.user(userPoolID: poolID, sub: claims.sub) else { throw Self.userNotFound }
        let user = try StoredUser(record: record)
        guard user.isSignInActive(claims.originJTI) else { throw AWSServiceError.notAuthorizedException("Access Token has been revoked") }
        guard user.enabled else { throw AWSServiceError.notAuthorizedException("User is disabled.") }
        return (claims, try describe(poolRecord), record, user)
    }
}
