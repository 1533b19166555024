import AWSWire
import CognitoModel
import GatehouseCore

extension PasswordsFeature {
    /// The signed-in user replaces its password, proving the current one: a wrong one counts
    /// towards the lockout as at sign-in (``SignInFeature/verifyPassword(_:of:pool:)``). Threat
    /// protection refuses a compromised new password, and records the change.
    func changePassword(_ input: ChangePasswordRequest, context: CallContext) async throws -> ChangePasswordResponse {
        let caller = try await accessTokens.caller(try input.accessToken.required)
        let (pool, record) = (caller.pool, caller.record)
        let previous = try input.previousPassword.required
        let proposed = try input.proposedPassword.required
        let policy = pool.passwordPolicy
        try policy.check(proposed, wording: .newPassword)
        try await risk.checkNewPassword(proposed, for: .passwordChange, pool: pool, clientID: caller.claims.clientID)
        let now = clock.now()
        let (poolID, random) = (pool.id, random)
        // As at sign-in, the lockout is decided, the password checked and a wrong one counted in one update.
        let (_, _, refusal) = try await users.update(named: record.key, in: pool, touching: false) { user, _ -> SignInRefusal? in
            if user.signInFailures.lockedUntil(now: now) != nil { return .passwordAttemptsExceeded }
            guard user.password?.matches(previous, userIDForSRP: user.username, userPoolID: poolID) == true else {
                user.signInFailures.record(at: now)
                return .incorrectPassword
            }
            return nil
        }
        if let refusal { throw refusal.error }
        let (changed, user, _) = try await users.update(named: record.key, in: pool) { user, _ in
            try user.replacePassword(proposed, policy: policy, userPoolID: poolID, random: random)
        }
        await risk.recordEvent(.passwordchange, of: changed, user: user, clientID: caller.claims.clientID, password: proposed,
                                   origin: SignInOrigin(ipAddress: nil, encodedData: nil, context: context), pool: pool)
        return ChangePasswordResponse()
    }
}
