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
        return !revokedSignIns.contains { $0.originJTI == originJTI }
    }

    /// Revokes the sign-in `originJTI` (its refresh token expires at `expiry`), forgetting revoked
    /// sign-ins whose refresh tokens have expired by `now`.
    public mutating func revokeSignIn(_ originJTI: String, expiry: Date, now: Date) {
        revokedSignIns.removeAll { $0.expiry <= now }
        if !revokedSignIns.contains(where: { $0.originJTI == originJTI }) {
            revokedSignIns.append(RevokedSignIn(originJTI: originJTI, expiry: expiry))
        }
    }

    /// Signs the user out everywhere at `now`: no token of an earlier sign-in works.
    public mutating func signOutEverywhere(now: Date) {
        signedOutAt = now.millisecondsSince1970
        revokedSignIns = []
    }
}
