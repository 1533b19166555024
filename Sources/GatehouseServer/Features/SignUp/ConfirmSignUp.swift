import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

extension SignUpFeature {
    /// Confirms an UNCONFIRMED user with the code sent at sign-up; the attribute it was sent to
    /// becomes verified. With ForceAliasCreation, that email or phone number alias moves from another
    /// user. Then the pool's PostConfirmation function runs.
    func confirmSignUp(_ input: ConfirmSignUpRequest, context: CallContext) async throws -> ConfirmSignUpResponse {
        let name = try input.username.required
        let client = try await directory.signedAppClient(try input.clientId.required, username: name, secretHash: input.secretHash)
        try await confirm(named: name, code: try input.confirmationCode.required, client: client,
                          forceAliasCreation: input.forceAliasCreation == true, clientMetadata: input.clientMetadata)
        return ConfirmSignUpResponse()
    }

    /// ConfirmSignUp once the app client is known (and its SecretHash checked, where one is due),
    /// then the pool's PostConfirmation function.
    /// - Throws: Cognito's errors of ConfirmSignUp: a wrong or expired code, TooManyFailedAttemptsException
    ///   once the code's tries are used up, a user that is not UNCONFIRMED, a user that does not exist
    ///   (as the client's PreventUserExistenceErrors says); PostConfirmation's failure, with the user
    ///   confirmed all the same.
    func confirm(named name: String, code: String, client: AppClient, forceAliasCreation: Bool,
                 clientMetadata: [String: String]?) async throws {
        let pool = client.pool
        let keys = try await codes.verificationCodes()
        let now = clock.now()
        let found: UserRecord
        do {
            found = try await users.record(named: name, in: pool)
        } catch let error as AWSServiceError where error == UserDirectory.userNotFound {
            throw client.hidesUsers ? CodeIssuer.error(.mismatched)! : AppClient.userNotFound
        }
        let confirm = { [self] () async throws -> (user: StoredUser, outcome: StoredUser.CodeCheck) in
            let updated = try await users.update(named: found.key, in: pool) { user, record in
                guard user.status == .unconfirmed else {
                    throw AWSServiceError.notAuthorizedException("User cannot be confirmed. Current status is \(user.status)")
                }
                let check = user.checkCode(code, purpose: .signUp, sub: record.sub, now: now, codes: keys)
                if check == .matched { user.status = .confirmed }
                return check
            }
            return (updated.user, updated.outcome)
        }
        let check: (user: StoredUser, outcome: StoredUser.CodeCheck)
        do {
            check = try await confirm()
        } catch let error as AWSServiceError where error.type == "AliasExistsException" && forceAliasCreation {
            // The right code verified an email or phone number another user holds as an alias (a
            // wrong code claims nothing): with ForceAliasCreation it moves to this user.
            let stored = try StoredUser(record: found)
            guard let attribute = stored.codes.first(where: { $0.purpose == .signUp })?.attributeName,
                  let value = stored.attribute(attribute) else { throw error }
            try await users.releaseAlias(UserValue(name: attribute, value: value), from: found.key, in: pool)
            check = try await confirm()
        }
        if let error = CodeIssuer.error(check.outcome, exhausted: CodeIssuer.tooManyFailedAttempts) { throw error }
        try await triggers.postConfirmation(.confirmSignUp, pool: pool, user: check.user, clientID: client.id, clientMetadata: clientMetadata)
    }
}
