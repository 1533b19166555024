import AWSWire
import CognitoModel
import Foundation
import GatehouseCore

extension PasswordsFeature {
    /// Sets a user's password: permanent (status CONFIRMED), or temporary (FORCE_CHANGE_PASSWORD,
    /// expiring after the policy's TemporaryPasswordValidityDays). Threat protection refuses a
    /// compromised one as a password change.
    func adminSetUserPassword(_ input: AdminSetUserPasswordRequest, context: CallContext) async throws -> AdminSetUserPasswordResponse {
        let pool = try await directory.pool(try input.userPoolId.required, context: context)
        let password = try input.password.required
        let policy = pool.passwordPolicy
        try policy.check(password, wording: .newPassword)
        try await risk.checkNewPassword(password, for: .passwordChange, pool: pool, clientID: nil)
        let permanent = input.permanent == true
        let expiry = clock.now().addingTimeInterval(TimeInterval(policy.temporaryPasswordValidityDays) * 86_400)
        let poolID = pool.id
        let random = random
        try await users.update(named: try input.username.required, in: pool) { user, _ in
            try user.replacePassword(password, policy: policy, userPoolID: poolID, random: random)
            user.status = permanent ? .confirmed : .forceChangePassword
            user.temporaryPasswordExpiry = permanent ? nil : expiry
        }
        return AdminSetUserPasswordResponse()
    }
}
