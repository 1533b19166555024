import CognitoModel
import GatehouseCore

extension PasswordsFeature {
    /// Puts a user in RESET_REQUIRED and sends a password reset code where the pool's
    /// AccountRecoverySetting says; the user sets a new password with ConfirmForgotPassword.
    func adminResetUserPassword(_ input: AdminResetUserPasswordRequest, context: CallContext) async throws -> AdminResetUserPasswordResponse {
        let pool = try await directory.pool(try input.userPoolId.required, context: context)
        _ = try await codes.issue(.passwordReset, toUserNamed: try input.username.required, in: pool, trigger: "AdminResetUserPassword",
                                  call: .init(source: .forgotPassword, clientID: nil, clientMetadata: input.clientMetadata)) { user in
            try Self.checkResettable(user)
            return try CodeDestination.recovery(user, pool: pool.settings)
        } change: { user in
            user.status = .resetRequired
        }
        return AdminResetUserPasswordResponse()
    }
}
