import AWSWire
import CognitoModel
import GatehouseCore

extension PasswordsFeature {
    /// The signed-in user replaces its password, proving the current one: a wrong one counts
    /// towards the lockout as at sign-in.
    func changePassword(_ input: ChangePasswordRequest, context: CallContext) async throws -> ChangePasswordResponse {
        let caller = try await accessTokens.caller(try input.accessToken.required)
        let (pool, record, user) = (caller.pool, caller.record, caller.user)
        let previous = try input.previousPassword.required
        let proposed = try input.proposedPassword.required
        let policy = pool.passwordPolicy
        try policy.check(proposed, wording: .newPassword)
        if user.signInFailures.lockedUntil(now: clock.now()) != nil { throw SignInRefusal.passwordAttemptsExceeded.error }
        let poolID = pool.id
        guard user.password?.matches(previous, userIDForSRP: user.username, userPoolID: poolID) == true else {
            try await users.recordWrongPassword(record, in: pool)
        }
        let random = random
        try await users.update(named: record.key, in: pool) { user, _ in
            try user.replacePassword(proposed, policy: policy, userPoolID: poolID, random: random)
            user.signInFailures = SignInFailures()
        }
        return ChangePasswordResponse()
    }
}
