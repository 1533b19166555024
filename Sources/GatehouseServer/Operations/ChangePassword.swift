import AWSWire
import CognitoModel
import GatehouseCore

extension Gatehouse {
    /// The signed-in user replaces its password, proving the current one: a wrong one counts
    /// towards the lockout as at sign-in.
    func changePassword(_ input: ChangePasswordRequest, context: CallContext) async throws -> ChangePasswordResponse {
        let (_, pool, record, user) = try await accessTokenUser(try input.accessToken.required)
        let previous = try input.previousPassword.required
        let proposed = try input.proposedPassword.required
        let policy = PasswordPolicy(pool.policies?.passwordPolicy)
        try policy.check(proposed, wording: .newPassword)
        if user.signInFailures.lockedUntil(now: clock.now()) != nil { throw AWSServiceError.notAuthorizedException("Password attempts exceeded") }
        let poolID = pool.id ?? ""
        guard user.password?.matches(previous, userIDForSRP: user.username, userPoolID: poolID) == true else {
            try await passwordFailed(record, pool: pool)
        }
        let random = random
        try await updateUser(named: record.key, in: pool) { user, _ in
            try user.replacePassword(proposed, policy: policy, userPoolID: poolID, random: random)
            user.signInFailures = SignInFailures()
        }
        return ChangePasswordResponse()
    }
}
