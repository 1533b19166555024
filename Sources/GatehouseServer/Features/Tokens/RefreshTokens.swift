import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage

/// Opens refresh tokens and turns them into new tokens (REFRESH_TOKEN_AUTH, GetTokensFromRefreshToken).
struct RefreshTokens: Sendable {
    let users: UserDirectory
    let tokens: TokenService
    let devices: UserDevices
    let seal: ServerKey<SealingKey>
    let clock: Clock

    static let reused = AWSServiceError.refreshTokenReuseException("Refresh Token has been rotated and can no longer be used.")

    /// The refresh token `text`, of `client`, and its user.
    /// - Throws: `NotAuthorizedException` "Invalid Refresh Token" (not this server's, or another
    ///   client's), "Refresh Token has expired"; `UserNotFoundException`.
    func unseal(_ text: String, client: AppClient) async throws -> (token: RefreshToken, record: UserRecord, user: StoredUser) {
        let token = try RefreshToken(opening: text, with: try await seal.value())
        guard token.clientID == client.id else { throw AWSServiceError.notAuthorizedException("Invalid Refresh Token") }
        guard token.expiry > clock.now() else { throw AWSServiceError.notAuthorizedException("Refresh Token has expired") }
        guard let record = try await users.record(withSub: token.sub, in: client.pool) else { throw UserDirectory.userNotFound }
        return (token, record, try StoredUser(record: record))
    }

    /// New ID and access tokens for the sign-in `token` belongs to, with its `auth_time` and
    /// `origin_jti`. With `rotate`, also a new refresh token, and `token` stops working after the
    /// client's RetryGracePeriodSeconds.
    /// - Throws: `NotAuthorizedException` "Refresh Token has been revoked", "User is disabled.";
    ///   `RefreshTokenReuseException` for a token rotated out whose grace period is over.
    /// - Parameters:
    ///   - clientMetadata: the call's ClientMetadata, for PreTokenGeneration.
    ///   - deviceKey: the device the call presents (DEVICE_KEY, DeviceKey), checked by ``checkDevice(of:presented:record:)``.
    func refresh(_ token: RefreshToken, record: UserRecord, user: StoredUser, client: AppClient, rotate: Bool,
                 clientMetadata: [String: String]?, deviceKey: String?) async throws -> AuthenticationResultType {
        let now = clock.now()
        try await checkDevice(of: token, presented: deviceKey, record: record)
        guard user.isSignInActive(token.originJTI) else { throw AWSServiceError.notAuthorizedException("Refresh Token has been revoked") }
        guard user.isRefreshTokenUsable(token.id, now: now) else { throw Self.reused }
        guard user.enabled else { throw SignInRefusal.userDisabled.error }
        // Made before the rotation is stored: a PreTokenGeneration failure leaves the token as it was.
        let result = try await tokens.issue(record: record, user: user, client: client, authTime: token.authTime, originJTI: token.originJTI,
                                            includeRefreshToken: rotate, source: .refreshTokens, clientMetadata: clientMetadata,
                                            deviceKey: token.deviceKey, oauth: token.scopes.map { TokenService.OAuthIssue(scopes: $0) })
        if rotate {
            let grace = TimeInterval(client.settings.refreshTokenRotation?.retryGracePeriodSeconds ?? 0)
            try await users.update(named: record.key, in: client.pool) { user, _ in
                // Checked again in the write: of two concurrent rotations without grace, one fails.
                guard user.isRefreshTokenUsable(token.id, now: now) else { throw Self.reused }
                user.rotateOut(refreshToken: token.id, expiry: token.expiry, grace: grace, now: now)
            }
        }
        return result
    }

    /// A refresh token of a sign-in on a device works only with that device's key, and without
    /// one only while the device is not confirmed; not at all once the device is forgotten
    /// (docs/compatibility.md § Devices).
    /// - Throws: `NotAuthorizedException` "Invalid Refresh Token.".
    func checkDevice(of token: RefreshToken, presented: String?, record: UserRecord) async throws {
        guard let bound = token.deviceKey else { return }
        let invalid = AWSServiceError.notAuthorizedException("Invalid Refresh Token.")
        let presented = presented.flatMap { $0.isEmpty ? nil : $0 }
        if let presented, presented != bound { throw invalid }
        guard let (_, device) = try await devices.device(bound, userKey: record.key, in: record.userPoolID) else { throw invalid }
        if presented == nil, device.isConfirmed { throw invalid }
    }
}
