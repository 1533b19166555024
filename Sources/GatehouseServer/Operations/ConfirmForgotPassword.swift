import AWSWire
import CognitoModel
import GatehouseCore

extension Gatehouse {
    /// Sets a new password with the code ForgotPassword or AdminResetUserPassword sent; a user in
    /// RESET_REQUIRED becomes CONFIRMED.
    func confirmForgotPassword(_ input: ConfirmForgotPasswordRequest, context: CallContext) async throws -> ConfirmForgotPasswordResponse {
        let name = try input.username.required
        let (client, pool) = try await appClient(try input.clientId.required, username: name, secretHash: input.secretHash)
        let code = try input.confirmationCode.required
        let password = try input.password.required
        let policy = PasswordPolicy(pool.policies?.passwordPolicy)
        try policy.check(password, wording: .newPassword)
        let codes = try await verificationCodes.value()
        let now = clock.now()
        let poolID = pool.id ?? ""
        let random = random
        let check: StoredUser.CodeCheck
        do {
            (_, _, check) = try await updateUser(named: name, in: pool) { user, record in
                let check = user.checkCode(code, purpose: .passwordReset, sub: record.sub, now: now, codes: codes)
                if check == .matched {
                    try user.replacePassword(password, policy: policy, userPoolID: poolID, random: random)
                    if user.status == .resetRequired { user.status = .confirmed }
                }
                return check
            }
        } catch let error as AWSServiceError where error == Self.userNotFound {
            guard Self.hidesUsers(client) else { throw Self.appUserNotFound }
            throw Self.codeError(.mismatched)!
        }
        if let error = Self.codeError(check) { throw error }
        return ConfirmForgotPasswordResponse()
    }
}
