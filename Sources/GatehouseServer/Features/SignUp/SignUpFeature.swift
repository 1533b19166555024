import AWSWire
import CognitoModel
import GatehouseCore

/// Self sign-up and its confirmation: SignUp, ConfirmSignUp (or the link of a CONFIRM_WITH_LINK
/// email), ResendConfirmationCode, and AdminConfirmSignUp.
struct SignUpFeature: Sendable {
    let directory: UserPoolDirectory
    let users: UserDirectory
    let domains: UserPoolDomains
    let codes: CodeIssuer
    let messenger: Messenger
    let triggers: Triggers
    /// Refuses compromised passwords and records sign-ups.
    let risk: RiskAssessor
    let clock: Clock

    func register(in registry: inout OperationRegistry) {
        registry.register(Operations.SignUp.self, signUp)
        registry.register(Operations.ConfirmSignUp.self, confirmSignUp)
        registry.register(Operations.ResendConfirmationCode.self, resendConfirmationCode)
        registry.register(Operations.AdminConfirmSignUp.self, adminConfirmSignUp)
    }
}
