import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

/// The user an access token is for, with the pool it names (whatever region the request carries).
struct AccessTokenCaller: Sendable {
    let claims: AccessTokenClaims
    let pool: UserPool
    let record: UserRecord
    let user: StoredUser
}

/// Opens the access tokens that the calls of a signed-in user carry (GetUser, ChangePassword, …).
struct AccessTokens: Sendable {
    let directory: UserPoolDirectory
    let users: UserDirectory
    let tokens: TokenService
    let clock: Clock

    static let missingScope = AWSServiceError.notAuthorizedException("Access Token does not have required scopes")

    /// The user an access token is for, after every check Cognito makes: this server's signature
    /// with the pool's access key, expiry, `token_use`, the scope `requiredScope`
    /// (`aws.cognito.signin.user.admin` for the API; `openid` for userInfo), and that neither a
    /// global sign-out nor a revocation has ended its sign-in.
    /// - Throws: `NotAuthorizedException` ("Invalid Access Token", "Access Token has expired",
    ///   "Access Token does not have required scopes", "Access Token has been revoked",
    ///   "User is disabled."); `UserNotFoundException` for a user deleted since.
    func caller(_ token: String, requiredScope: String = TokenIssuer.adminScope) async throws -> AccessTokenCaller {
        guard let jwt = JSONWebToken(parsing: token), let poolID = AccessTokenClaims.userPoolID(of: jwt) else {
            throw AccessTokenClaims.invalid
        }
        let pool: UserPool
        do {
            pool = try await directory.pool(named: poolID)
        } catch let error as AWSServiceError where error == UserPoolDirectory.poolNotFound(poolID) {
            throw AccessTokenClaims.invalid
        }
        let claims = try AccessTokenClaims(verifying: jwt, issuer: try await tokens.issuer(for: poolID),
                                            now: clock.now())
        guard claims.scopes.contains(requiredScope) else { throw Self.missingScope }
        guard let record = try await users.record(withSub: claims.sub, in: pool) else { throw UserDirectory.userNotFound }
        let user = try StoredUser(record: record)
        guard user.isSignInActive(claims.originJTI) else { throw AWSServiceError.notAuthorizedException("Access Token has been revoked") }
        guard user.enabled else { throw SignInRefusal.userDisabled.error }
        return AccessTokenCaller(claims: claims, pool: pool, record: record, user: user)
    }

    /// The app client the caller's token was issued to.
    /// - Throws: `ResourceNotFoundException` when it has been deleted since.
    func client(of caller: AccessTokenCaller) async throws -> AppClient {
        try await directory.poolClient(caller.claims.clientID, of: caller.pool)
    }
}
