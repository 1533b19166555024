import CognitoModel
import GatehouseCore

extension Gatehouse {
    /// Puts a user in RESET_REQUIRED and sends a password reset code where the pool's
    /// AccountRecoverySetting says; the user sets a new password with ConfirmForgotPassword.
    func adminResetUserPassword(_ input: AdminResetUserPasswordRequest, context: CallContext) async throws -> AdminResetUserPasswordResponse {
        let pool = try await userPool(try input.userPoolId.required, context: context)
        _ = try await sendNewCode(.passwordReset, toUserNamed: try input.username.required, in: pool, trigger: "AdminResetUserPassword") { user in
            try Self.checkResettable(user)
            return try CodeDestination.recovery(user, pool: pool)
        } change: { user in
            user.status = .resetRequired
        }
        return AdminResetUserPasswordResponse()
    }
}
