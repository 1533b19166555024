import AWSWire
import CognitoModel
import GatehouseCore

/// Setting and resetting passwords outside sign-in: ForgotPassword and ConfirmForgotPassword,
/// AdminResetUserPassword, AdminSetUserPassword, and ChangePassword for a signed-in user.
struct PasswordsFeature: Sendable {
    let directory: UserPoolDirectory
    let users: UserDirectory
    let accessTokens: AccessTokens
    let codes: CodeIssuer
    let triggers: Triggers
    /// Refuses compromised passwords and records password changes.
    let risk: RiskAssessor
    let clock: Clock
    let random: RandomSource

    func register(in registry: inout OperationRegistry) {
        registry.register(Operations.ForgotPassword.self, forgotPassword)
        registry.register(Operations.ConfirmForgotPassword.self, confirmForgotPassword)
        registry.register(Operations.AdminResetUserPassword.self, adminResetUserPassword)
        registry.register(Operations.AdminSetUserPassword.self, adminSetUserPassword)
        registry.register(Operations.ChangePassword.self, changePassword)
    }
}
