import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage
import Synchronization

extension SignInFeature {
    /// The user a sign-in names. A user with a temporary password signs in by username only: its
    /// aliases do not name it yet (docs/cognito-notes.md §5.2).
    /// - Throws: `UserNotFoundException` "User does not exist.", or, when the client hides which
    ///   users exist, ``SignInRefusal/incorrectPassword``.
    func user(named name: String, client: AppClient) async throws -> UserRecord {
        do {
            return try await users.record(named: name, in: client.pool) { try StoredUser(record: $0).status != .forceChangePassword }
        } catch let error as AWSServiceError where error == UserDirectory.userNotFound {
            throw client.hidesUsers ? SignInRefusal.incorrectPassword.error : error
        }
    }

    /// ``user(named:client:)`` and what it holds, once the pool's PreAuthentication function has seen it, or, for a
    /// client that hides which users exist, has seen that it does not exist. A sign-in with a
    /// password (`migrating`) of a user the pool does not have first asks the pool's UserMigration
    /// function, and stores the user it vouches for with that password.
    func preAuthenticatedUser(named name: String, client: AppClient, validationData: [String: String]?,
                              migrating password: String? = nil) async throws -> (record: UserRecord, user: StoredUser) {
        let record: UserRecord
        do {
            record = try await user(named: name, client: client)
        } catch let error as AWSServiceError where error == UserDirectory.userNotFound || error == SignInRefusal.incorrectPassword.error {
            if let password, let migrated = try await migrate(name, password: password, client: client, validationData: validationData) {
                record = migrated
            } else {
                if client.hidesUsers {
                    try await triggers.preAuthentication(pool: client.pool, user: nil, userName: name, clientID: client.id,
                                                         validationData: validationData)
                }
                throw error
            }
        }
        let user = try StoredUser(record: record)
        try await triggers.preAuthentication(pool: client.pool, user: user, userName: name, clientID: client.id,
                                             validationData: validationData)
        return (record, user)
    }

    /// The user the pool's UserMigration function vouches for, stored with `password` (its SRP
    /// verifier), the status and attributes the function gives; `nil` without a function or when
    /// the function does not know the user. The pool's password policy does not apply (DG).
    private func migrate(_ name: String, password: String, client: AppClient, validationData: [String: String]?) async throws -> UserRecord? {
        guard let answer = try await triggers.userMigration(.authentication, pool: client.pool, userName: name, clientID: client.id,
                                                            password: password, validationData: validationData, clientMetadata: nil)
        else { return nil }
        let new = try users.newUser(named: name, attributes: answer.userAttributes, status: answer.finalUserStatus, password: password,
                                    temporaryPasswordExpiry: nil, pool: client.pool)
        do {
            return try await users.insert(new, in: client.pool, duplicate: UserDirectory.userExists.message,
                                          forcingAliases: answer.forceAliasCreation)
        } catch let error as AWSServiceError where error == UserDirectory.userExists {
            // A concurrent sign-in stored the user first: this one signs in as that user.
            return try await user(named: name, client: client)
        }
    }

    /// Checks a password given in the clear (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH) against
    /// the user's verifier, with the refusals of ``SignInRules``: decided, checked and counted in one
    /// update of the user, so that concurrent attempts on any process get no more than the lockout
    /// allows, and concurrent right ones all pass. A right password changes nothing, so it is
    /// decided on `record` without a write; the verifier's check is made once, before any write
    /// begins, and reused while the stored verifier is the same.
    func verifyPassword(_ password: String, of record: UserRecord, pool: UserPool) async throws -> (UserRecord, StoredUser) {
        let now = clock.now()
        let userPoolID = pool.id
        let checks = Mutex<(verifier: PasswordVerifier, matches: Bool)?>(nil)
        let matches: @Sendable (StoredUser) -> Bool = { user in
            guard let verifier = user.password else { return false }
            if let check = checks.withLock({ $0 }), check.verifier == verifier { return check.matches }
            let matches = verifier.matches(password, userIDForSRP: user.username, userPoolID: userPoolID)
            checks.withLock { $0 = (verifier, matches) }
            return matches
        }
        let (checked, user, refusal) = try await users.update(named: record.key, in: pool, touching: false, known: record) { user, _ in
            SignInRules.passwordAttempt(&user, matches: matches, now: now)
        }
        if let refusal { throw refusal.error }
        return (checked, user)
    }

    /// Goes on with a sign-in after `event`: the next challenge (a code sent first for SMS_MFA and
    /// EMAIL_OTP), or, once the pool's PostAuthentication function has run, tokens.
    /// - Parameters:
    ///   - progress: what the sign-in had done before, from its session.
    ///   - metadata: the ClientMetadata of a challenge answer, for PostAuthentication.
    ///   - authTime: when the password was proven.
    ///   - assessment: threat protection's, right after the password: its refusal is thrown and its
    ///     MFA required; the sign-in's event is recorded InProgress before a challenge, Pass once
    ///     the tokens are made (a later step that makes them marks it passed).
    func proceed(after event: SignInMachine.Event, progress: SignInMachine.Progress = .init(), record: UserRecord,
                 user: StoredUser, client: AppClient, metadata: [String: String]?, authTime: Date,
                 assessment: RiskAssessor.SignInAssessment? = nil) async throws -> SignInOutcome {
        var progress = progress
        SignInMachine.apply(event, to: &progress)
        var facts = client.pool.mfa.facts(for: user)
        facts.deviceProofReplacesMfa = client.pool.devices?.deviceProofReplacesMfa ?? false
        if let assessment {
            try await risk.refuseIfBlocked(assessment, of: record, user: user, pool: client.pool)
            progress.riskRequiresMfa = assessment.verdict.action == .requireMfa
        }
        let step = SignInMachine.next(progress, facts: facts)
        if let assessment, case .challenge = step {
            progress.authEventID = await risk.recordGoingOn(assessment, passed: false, of: record, user: user, pool: client.pool)
        }
        /// Marks the sign-in's event passed, once what it issues is made.
        func passed() async {
            if let assessment {
                _ = await risk.recordGoingOn(assessment, passed: true, of: record, user: user, pool: client.pool)
            } else if let eventID = progress.authEventID {
                await risk.complete(eventID, mfaPassed: progress.mfaPassed, of: record, user: user, clientID: client.id, pool: client.pool)
            }
        }
        switch step {
        case .issueTokens:
            try await triggers.postAuthentication(pool: client.pool, user: user, clientID: client.id, clientMetadata: metadata,
                                                  newDeviceUsed: progress.device == .new)
            if user.signInFailures.count > 0 || user.customChallengeFailures.count > 0 {  // a sign-in forgets the failures before it
                try await users.update(named: record.key, in: client.pool, touching: false) { user, _ in
                    user.signInFailures.clear()
                    user.customChallengeFailures.clear()
                }
            }
            if progress.managedLogin {
                await passed()
                return SignInOutcome(managedLogin: ManagedLoginSignIn(record: record, username: user.username, authTime: authTime))
            }
            let originJTI = SignInSessionID.make(at: authTime, random: random)
            let newDevice = progress.device == .new ? try await devices.track(for: record, in: client.pool, ipAddress: nil) : nil
            var result = try await tokens.issue(
                record: record, user: user, client: client, authTime: authTime, originJTI: originJTI, includeRefreshToken: true,
                source: progress.newPasswordSet ? .newPasswordChallenge : progress.deviceVerified ? .authenticateDevice : .authentication,
                clientMetadata: metadata,
                deviceKey: newDevice?.deviceKey ?? progress.device.presentedKey)
            result.newDeviceMetadata = newDevice
            await passed()
            return SignInOutcome(authenticationResult: result)
        case .challenge(.deviceSrpAuth):
            return try await deviceChallenge(progress: progress, record: record, user: user, client: client, authTime: authTime)
        case .challenge(let challenge):
            var parameters = ["USER_ID_FOR_SRP": user.username]
            switch challenge {
            case .newPasswordRequired: parameters.merge(Self.newPasswordParameters(user: user, client: client)) { $1 }
            case .smsMfa, .emailOtp:
                parameters.merge(try await sendSignInCode(challenge, record: record, client: client, metadata: metadata)) { $1 }
            case .selectMfaType: parameters["MFAS_CAN_CHOOSE"] = Self.jsonList(facts.challengeableFactors)
            case .mfaSetup: parameters["MFAS_CAN_SETUP"] = Self.jsonList(client.pool.mfa.offered)
            default: break
            }
            let session = sessions.start(challenge, client: client, sub: record.sub, username: user.username, authTime: authTime,
                                         progress: progress)
            return SignInOutcome(challengeName: challenge, session: try await sessions.sealed(session), challengeParameters: parameters)
        }
    }

    /// Challenge names as a JSON array, as MFAS_CAN_CHOOSE and MFAS_CAN_SETUP show them.
    static func jsonList(_ names: [ChallengeNameType]) -> String {
        String(decoding: AWSJSON.encode(names.map(\.rawValue)), as: UTF8.self)
    }
}
