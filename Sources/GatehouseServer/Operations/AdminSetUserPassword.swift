import AWSWire
import CognitoModel
import Foundation
import GatehouseCore

extension Gatehouse {
    /// Sets a user's password: permanent (status CONFIRMED), or temporary (FORCE_CHANGE_PASSWORD,
    /// expiring after the policy's TemporaryPasswordValidityDays).
    func adminSetUserPassword(_ input: AdminSetUserPasswordRequest, context: CallContext) async throws -> AdminSetUserPasswordResponse {
        let pool = try await userPool(try input.userPoolId.required, context: context)
        let password = try input.password.required
        let policy = PasswordPolicy(pool.policies?.passwordPolicy)
        try policy.check(password, wording: .newPassword)
        let permanent = input.permanent == true
        let expiry = clock.now().addingTimeInterval(TimeInterval(policy.temporaryPasswordValidityDays) * 86_400)
        let poolID = pool.id ?? ""
        let random = random
        try await updateUser(named: try input.username.required, in: pool) { user, _ in
            try user.replacePassword(password, policy: policy, userPoolID: poolID, random: random)
            user.status = permanent ? .confirmed : .forceChangePassword
            user.temporaryPasswordExpiry = permanent ? nil : expiry
        }
        return AdminSetUserPasswordResponse()
    }
}
