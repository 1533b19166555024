import AWSWire
import Foundation
import GatehouseStorage

extension StoredUser {
    /// Whether the tokens of the sign-in `originJTI` still work: the user has not signed out
    /// everywhere since it and has not revoked it.
    public func isSignInActive(_ originJTI: String) -> Bool {
        if let signedOutAt {
            guard let started = SignInSessionID.milliseconds(of: originJTI), started > signedOutAt else { return false }
        }
        return !revokedSignIns.contains { $0.id == originJTI }
    }

    /// Revokes the sign-in `originJTI` (its refresh token expires at `expiry`), forgetting revoked
    /// sign-ins whose refresh tokens have expired by `now`.
    public mutating func revokeSignIn(_ originJTI: String, expiry: Date, now: Date) {
        revokedSignIns.removeAll { $0.expiry <= now }
        if !revokedSignIns.contains(where: { $0.id == originJTI }) {
            revokedSignIns.append(Revocation(id: originJTI, expiry: expiry))
        }
    }

    /// Whether the refresh token `id` still works at `now`: it was not rotated out, or its grace
    /// period has not ended.
    public func isRefreshTokenUsable(_ id: String, now: Date) -> Bool {
        guard let rotated = rotatedRefreshTokens.first(where: { $0.id == id }) else { return true }
        return (rotated.usableUntil ?? now) > now
    }

    /// Retires the refresh token `id` (expiring at `expiry`) after `grace` seconds, forgetting
    /// retired tokens that have expired by `now`. A token retired before keeps its first deadline.
    public mutating func rotateOut(refreshToken id: String, expiry: Date, grace: TimeInterval, now: Date) {
        rotatedRefreshTokens.removeAll { $0.expiry <= now }
        if !rotatedRefreshTokens.contains(where: { $0.id == id }) {
            rotatedRefreshTokens.append(Revocation(id: id, expiry: expiry, usableUntil: now.addingTimeInterval(grace)))
        }
    }

    /// Signs the user out everywhere at `now`: no token of an earlier sign-in works.
    public mutating func signOutEverywhere(now: Date) {
        signedOutAt = now.millisecondsSince1970
        revokedSignIns = []
    }
}
