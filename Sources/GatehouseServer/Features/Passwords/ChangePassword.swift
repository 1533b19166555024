import AWSWire
import CognitoModel
import GatehouseCore

extension PasswordsFeature {
    /// The signed-in user replaces its password, proving the current one: a wrong one counts
    /// towards the lockout as at sign-in (``SignInFeature/takePasswordAttempt(_:pool:)``).
    func changePassword(_ input: ChangePasswordRequest, context: CallContext) async throws -> ChangePasswordResponse {
        let caller = try await accessTokens.caller(try input.accessToken.required)
        let (pool, record) = (caller.pool, caller.record)
        let previous = try input.previousPassword.required
        let proposed = try input.proposedPassword.required
        let policy = pool.passwordPolicy
        try policy.check(proposed, wording: .newPassword)
        let now = clock.now()
        let poolID = pool.id
        // As at sign-in, the lockout is decided and the attempt counted before the password is checked.
        let (_, user, attempt) = try await users.update(named: record.key, in: pool, touching: false) { user, _ in
            if user.signInFailures.lockedUntil(now: now) != nil { throw SignInRefusal.passwordAttemptsExceeded.error }
            return user.signInFailures.take(at: now)
        }
        guard user.password?.matches(previous, userIDForSRP: user.username, userPoolID: poolID) == true else {
            throw SignInRefusal.incorrectPassword.error
        }
        let random = random
        try await users.update(named: record.key, in: pool) { user, _ in
            try user.replacePassword(proposed, policy: policy, userPoolID: poolID, random: random)
            user.signInFailures.release(attempt)
        }
        return ChangePasswordResponse()
    }
}
