import AWSWire
import CognitoModel
import GatehouseCore

extension PasswordsFeature {
    /// Sends a password reset code, valid one hour, where the pool's AccountRecoverySetting says.
    /// For a user that does not exist, the pool's UserMigration function may vouch for one first;
    /// otherwise a client that hides users answers as if a code went to an email address
    /// (docs/compatibility.md).
    func forgotPassword(_ input: ForgotPasswordRequest, context: CallContext) async throws -> ForgotPasswordResponse {
        let name = try input.username.required
        let client = try await directory.signedAppClient(try input.clientId.required, username: name, secretHash: input.secretHash)
        let pool = client.pool
        try await migrateForReset(name, client: client, clientMetadata: input.clientMetadata)
        let details = try await codes.issueForApp(.passwordReset, toUserNamed: name, client: client, trigger: "ForgotPassword",
                                                  source: .forgotPassword, clientMetadata: input.clientMetadata) { user in
            try Self.checkResettable(user)
            return try CodeDestination.recovery(user, pool: pool.settings)
        }
        return ForgotPasswordResponse(codeDeliveryDetails: details)
    }

    /// Stores the user the pool's UserMigration function vouches for when the pool has no user
    /// `name`: RESET_REQUIRED, with a random password no one knows, so that the code about to be
    /// sent sets its first one.
    private func migrateForReset(_ name: String, client: AppClient, clientMetadata: [String: String]?) async throws {
        guard LambdaTrigger.userMigration.function(in: client.pool.triggers) != nil else { return }
        do {
            _ = try await users.record(named: name, in: client.pool)
            return
        } catch let error as AWSServiceError where error == UserDirectory.userNotFound {}
        guard let answer = try await triggers.userMigration(.forgotPassword, pool: client.pool, userName: name, clientID: client.id,
                                                            password: nil, validationData: nil, clientMetadata: clientMetadata)
        else { return }
        let new = try users.newUser(named: name, attributes: answer.userAttributes, status: .resetRequired,
                                    password: client.pool.passwordPolicy.temporaryPassword(random: random), temporaryPasswordExpiry: nil,
                                    pool: client.pool)
        do {
            try await users.insert(new, in: client.pool, duplicate: UserDirectory.userExists.message, forcingAliases: answer.forceAliasCreation)
        } catch let error as AWSServiceError where error == UserDirectory.userExists {
            return  // a concurrent call stored the user first: the code goes to that user
        }
    }

    /// A disabled user, or one that still has to replace a temporary password, cannot reset it.
    static func checkResettable(_ user: StoredUser) throws(AWSServiceError) {
        guard user.enabled else { throw SignInRefusal.userDisabled.error }
        if user.status == .forceChangePassword {
            throw .notAuthorizedException("User password cannot be reset in the current state.")
        }
    }
}
