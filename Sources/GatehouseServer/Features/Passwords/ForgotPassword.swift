import AWSWire
import CognitoModel
import GatehouseCore

extension PasswordsFeature {
    /// Sends a password reset code, valid one hour, where the pool's AccountRecoverySetting says.
    /// For a user that does not exist, a client that hides users answers as if a code went to an
    /// email address (docs/compatibility.md).
    func forgotPassword(_ input: ForgotPasswordRequest, context: CallContext) async throws -> ForgotPasswordResponse {
        let name = try input.username.required
        let client = try await directory.signedAppClient(try input.clientId.required, username: name, secretHash: input.secretHash)
        let pool = client.pool
        let details = try await codes.issueForApp(.passwordReset, toUserNamed: name, client: client, trigger: "ForgotPassword") { user in
            try Self.checkResettable(user)
            return try CodeDestination.recovery(user, pool: pool.settings)
        }
        return ForgotPasswordResponse(codeDeliveryDetails: details)
    }

    /// A disabled user, or one that still has to replace a temporary password, cannot reset it.
    static func checkResettable(_ user: StoredUser) throws(AWSServiceError) {
        guard user.enabled else { throw SignInRefusal.userDisabled.error }
        if user.status == .forceChangePassword {
            throw .notAuthorizedException("User password cannot be reset in the current state.")
        }
    }
}
