import AWSWire
import CognitoModel
import GatehouseCore

/// Multi-factor authentication's settings: the pool's (Get/SetUserPoolMfaConfig), a user's
/// factors and preference (Set/AdminSetUserMFAPreference, the legacy Set/AdminSetUserSettings) and
/// software tokens (AssociateSoftwareToken, VerifySoftwareToken). The MFA challenges of a sign-in
/// are the SignIn feature's.
struct MFAFeature: Sendable {
    let directory: UserPoolDirectory
    let users: UserDirectory
    let accessTokens: AccessTokens
    let sessions: SignInSessions
    /// Seals software token secrets.
    let seal: ServerKey<SealingKey>
    let clock: Clock
    let random: RandomSource

    func register(in registry: inout OperationRegistry) {
        registry.register(Operations.GetUserPoolMfaConfig.self, getUserPoolMfaConfig)
        registry.register(Operations.SetUserPoolMfaConfig.self, setUserPoolMfaConfig)
        registry.register(Operations.AssociateSoftwareToken.self, associateSoftwareToken)
        registry.register(Operations.VerifySoftwareToken.self, verifySoftwareToken)
        registry.register(Operations.SetUserMFAPreference.self, setUserMFAPreference)
        registry.register(Operations.AdminSetUserMFAPreference.self, adminSetUserMFAPreference)
        registry.register(Operations.SetUserSettings.self, setUserSettings)
        registry.register(Operations.AdminSetUserSettings.self, adminSetUserSettings)
    }
}
