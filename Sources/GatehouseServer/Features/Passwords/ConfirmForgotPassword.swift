import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

extension PasswordsFeature {
    /// Sets a new password with the code ForgotPassword or AdminResetUserPassword sent; a user in
    /// RESET_REQUIRED becomes CONFIRMED. Then the pool's PostConfirmation function runs. Threat
    /// protection refuses a compromised password, as a password change, and records a ForgotPassword event.
    func confirmForgotPassword(_ input: ConfirmForgotPasswordRequest, context: CallContext) async throws -> ConfirmForgotPasswordResponse {
        let name = try input.username.required
        let client = try await directory.signedAppClient(try input.clientId.required, username: name, secretHash: input.secretHash)
        let pool = client.pool
        let code = try input.confirmationCode.required
        let password = try input.password.required
        let policy = pool.passwordPolicy
        try policy.check(password, wording: .newPassword)
        try await risk.checkNewPassword(password, for: .passwordChange, pool: pool, clientID: client.id)
        let keys = try await codes.verificationCodes()
        let now = clock.now()
        let poolID = pool.id
        let random = random
        let check: StoredUser.CodeCheck
        let record: UserRecord, user: StoredUser
        do {
            (record, user, check) = try await users.update(named: name, in: pool) { user, record in
                let check = user.checkCode(code, purpose: .passwordReset, sub: record.sub, now: now, codes: keys)
                if check == .matched {
                    try user.replacePassword(password, policy: policy, userPoolID: poolID, random: random)
                    if user.status == .resetRequired { user.status = .confirmed }
                }
                return check
            }
        } catch let error as AWSServiceError where error == UserDirectory.userNotFound {
            guard client.hidesUsers else { throw AppClient.userNotFound }
            throw CodeIssuer.error(.mismatched)!
        }
        if let error = CodeIssuer.error(check) { throw error }
        await risk.recordEvent(.forgotpassword, of: record, user: user, clientID: client.id, password: password,
                                   origin: SignInOrigin(input.userContextData, client: client, context: context), pool: pool)
        try await triggers.postConfirmation(.confirmForgotPassword, pool: pool, user: user, clientID: client.id,
                                            clientMetadata: input.clientMetadata)
        return ConfirmForgotPasswordResponse()
    }
}
