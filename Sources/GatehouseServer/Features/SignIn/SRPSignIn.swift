import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage

extension SignInFeature {
    /// USER_SRP_AUTH's first step: the PASSWORD_VERIFIER challenge for the client's SRP_A, with
    /// the user's salt, B and a SECRET_BLOCK that holds the sealed session. A client that hides
    /// which users exist gets a challenge for an unknown user too, with a salt that stays the same
    /// for that name; its answer then fails as a wrong password does.
    func startSRP(_ parameters: [String: String]?, client: AppClient, validationData: [String: String]?,
                  origin: SignInOrigin) async throws -> SignInOutcome {
        let name = try Self.signedUsername(parameters, client: client)
        let clientPublic = try Self.parameter("SRP_A", in: parameters)
        _ = try await risk.screen(origin, client: client)
        let found = try await challengedUser(named: name, client: client, validationData: validationData)
        return try await passwordVerifierChallenge(name: name, found: found, clientPublic: clientPublic, client: client)
    }

    /// The user a challenge-based sign-in (SRP, CUSTOM_AUTH) names, once PreAuthentication has
    /// seen it and nothing refuses it before its password; `nil` for a user the client hides,
    /// which is challenged all the same.
    func challengedUser(named name: String, client: AppClient,
                        validationData: [String: String]?) async throws -> (record: UserRecord, user: StoredUser)? {
        do {
            let found = try await preAuthenticatedUser(named: name, client: client, validationData: validationData)
            if let refusal = SignInRules.refusalBeforePassword(found.user, now: clock.now()) { throw refusal.error }
            return found
        } catch let error as AWSServiceError where error == SignInRefusal.incorrectPassword.error {
            return nil
        }
    }

    /// The PASSWORD_VERIFIER challenge for the client's A; a CUSTOM_AUTH sign-in's session keeps
    /// its steps so far, so that its answer goes back to DefineAuthChallenge.
    func passwordVerifierChallenge(name: String, found: (record: UserRecord, user: StoredUser)?, clientPublic: String, client: AppClient,
                                   customSteps: [CustomAuthTriggers.ChallengeResult] = [],
                                   device: SignInMachine.Device = .none) async throws -> SignInOutcome {
        let verifier: PasswordVerifier
        if let known = found?.user.password {
            verifier = known
        } else {
            verifier = try await unknownUserVerifier(name, pool: client.pool.id)
        }
        guard let exchange = SRPServer.exchange(clientPublicHex: clientPublic, verifier: verifier, random: random) else {
            throw AWSServiceError.invalidParameterException("SRP_A is not valid.")
        }
        let username = found?.user.username ?? name
        var session = sessions.start(.passwordVerifier, client: client, sub: found?.record.sub, username: username,
                                     srpKey: exchange.sessionKey)
        session.custom.steps = customSteps
        session.progress.device = device
        return SignInOutcome(challengeName: .passwordVerifier, challengeParameters: [
            "SALT": SRPServer.hex(verifier.salt), "SECRET_BLOCK": try await sessions.sealed(session),
            "SRP_B": exchange.serverPublicHex, "USERNAME": username, "USER_ID_FOR_SRP": username,
        ])
    }

    /// The PASSWORD_CLAIM_SECRET_BLOCK, PASSWORD_CLAIM_SIGNATURE and TIMESTAMP of an SRP proof,
    /// and the moment the timestamp names.
    /// - Throws: `InvalidParameterException` for a missing one or a timestamp of another form.
    static func passwordClaim(_ responses: [String: String]?) throws -> (secretBlock: String, signature: String, timestamp: String, claimed: Date) {
        let secretBlock = try parameter("PASSWORD_CLAIM_SECRET_BLOCK", in: responses)
        let signature = try parameter("PASSWORD_CLAIM_SIGNATURE", in: responses)
        let timestamp = try parameter("TIMESTAMP", in: responses)
        guard let claimed = PasswordClaimTimestamp.date(timestamp) else {
            throw AWSServiceError.invalidParameterException("TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.")
        }
        return (secretBlock, signature, timestamp, claimed)
    }

    /// The verifier SRP uses for a user that does not exist: derived from the name, so asking
    /// twice shows the same salt, as for a real user.
    func unknownUserVerifier(_ name: String, pool: String) async throws -> PasswordVerifier {
        let seal = try await seal.value()
        var salt = Array(seal.derive("unknown-user-salt/\(pool)/\(name)").prefix(16))
        salt[0] = 0x10 + salt[0] % 0x70
        return PasswordVerifier(unknownUserSalt: salt, secret: seal.derive("unknown-user-verifier/\(pool)/\(name)"))
    }

    /// The answer to PASSWORD_VERIFIER: the client's PASSWORD_CLAIM_SIGNATURE must be the HMAC
    /// the session's SRP key gives over pool name, user id, SECRET_BLOCK and TIMESTAMP. Threat
    /// protection assesses the sign-in before the proof is checked, as a password's (``signIn(named:password:deviceKey:client:validationData:origin:managedLogin:)``).
    func answerPasswordVerifier(_ responses: [String: String]?, client: AppClient, metadata: [String: String]?,
                                origin: SignInOrigin) async throws -> SignInOutcome {
        _ = try Self.signedUsername(responses, client: client)
        let (secretBlock, signature, timestamp, claimed) = try Self.passwordClaim(responses)
        let now = clock.now()
        let session = try await sessions.unseal(secretBlock, client: client)
        guard session.challenge == .passwordVerifier, session.userPoolID == client.pool.id, let key = session.srpKey else {
            throw SignInSessions.invalid
        }
        // Before the session is used: clients answer an unknown device by asking again without it.
        let device = session.custom.steps.isEmpty
            ? try await signInDevice(responses?["DEVICE_KEY"], userKey: client.pool.identity.key(session.username), client: client)
            : session.progress.device
        // Used up by any answer, right or wrong: a client whose proof failed starts again.
        try await sessions.consume(session)
        let screening = session.custom.steps.isEmpty ? try await risk.screen(origin, client: client) : nil
        guard session.sub != nil else { throw SignInRefusal.incorrectPassword.error }
        let current = try await sessionUser(session, in: client.pool)
        let assessed = try await assessBeforeProof(screening, of: current, device: device, origin: origin, client: client)
        let expected = SRPServer.passwordClaimSignature(sessionKey: key, userPoolID: session.userPoolID, userIDForSRP: session.username,
                                                        secretBlock: Data(base64Encoded: secretBlock) ?? Data(), timestamp: timestamp)
        let proven = PasswordClaimTimestamp.isAcceptable(claimed, now: now) && Data(base64Encoded: signature).map {
            ConstantTime.equal($0, expected)
        } == true
        // The lockout is decided, and a wrong proof counted, in one update of the session's user;
        // a right proof that changes nothing is decided on the user just read, without a write.
        let (provenRecord, provenUser, refusal) = try await updateUser(of: session, in: client.pool, touching: false, known: current,
                                                                       gone: SignInRefusal.incorrectPassword.error) { user, _ in
            SignInRules.passwordAttempt(&user, matches: { _ in proven }, now: now)
        }
        if let refusal {
            if refusal == .incorrectPassword, let (record, user, assessment) = assessed {
                await risk.recordWrongPassword(assessment, of: record, user: user, pool: client.pool)
            }
            throw refusal.error
        }
        if !session.custom.steps.isEmpty {  // a CUSTOM_AUTH sign-in that started with SRP
            return try await nextCustomStep(after: session.custom.steps + [.init(challengeName: ChallengeNameType.passwordVerifier.rawValue,
                                                                                 challengeResult: true)],
                                            name: session.username, found: (provenRecord, provenUser), device: device, client: client,
                                            metadata: metadata, origin: origin)
        }
        return try await proceed(after: .passwordVerified, progress: .init(device: device), record: provenRecord, user: provenUser,
                                 client: client, metadata: metadata, authTime: now, assessment: assessed?.assessment)
    }

    /// The session's user as stored now; `nil` when it is gone or another user has its name (its
    /// proof's check then refuses it).
    private func sessionUser(_ session: SignInSession, in pool: UserPool) async throws -> UserRecord? {
        do {
            let record = try await users.record(named: session.username, in: pool)
            return record.sub == session.sub ? record : nil
        } catch let error as AWSServiceError where error == UserDirectory.userNotFound {
            return nil
        }
    }

    /// Threat protection's assessment of an SRP sign-in's user before its proof is checked; `nil`
    /// when threat protection is off, for a CUSTOM_AUTH sign-in (assessed at its end), or when the
    /// session's user is gone (the proof's check then refuses it).
    private func assessBeforeProof(_ screening: RiskAssessor.Screening?, of record: UserRecord?, device: SignInMachine.Device,
                                   origin: SignInOrigin,
                                   client: AppClient) async throws -> (record: UserRecord, user: StoredUser, assessment: RiskAssessor.SignInAssessment)? {
        guard screening != nil, let record else { return nil }
        let user = try StoredUser(record: record)
        guard let assessment = try await risk.assessSignIn(screening, of: record, user: user, password: nil, device: device, origin: origin,
                                                           client: client) else { return nil }
        return (record, user, assessment)
    }
}
