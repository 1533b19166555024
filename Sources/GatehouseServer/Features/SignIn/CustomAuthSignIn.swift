import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage

extension SignInFeature {
    /// The first step's name in a CUSTOM_AUTH sign-in that starts with SRP (not a challenge of the model).
    static let srpA = "SRP_A"

    /// CUSTOM_AUTH's first step: once PreAuthentication has seen the user, the pool's
    /// DefineAuthChallenge function decides, from no steps yet (or from SRP_A, when the client sends
    /// `CHALLENGE_NAME` SRP_A with its A), what comes first. A user a hiding client does not show
    /// goes through the functions with `userNotFound` and never gets tokens.
    /// - Throws: `InvalidParameterException` "Custom auth lambda trigger is not configured for the
    ///   user pool." without the functions; the refusals of a password sign-in before the password.
    func startCustomAuth(_ parameters: [String: String]?, client: AppClient, metadata: [String: String]?,
                         origin: SignInOrigin) async throws -> SignInOutcome {
        guard LambdaTrigger.defineAuthChallenge.function(in: client.pool.triggers) != nil else { throw Triggers.customAuthNotConfigured }
        let name = try Self.signedUsername(parameters, client: client)
        _ = try await risk.screen(origin, client: client, customAuth: true)
        let found = try await challengedUser(named: name, client: client, validationData: metadata)
        var steps: [CustomAuthTriggers.ChallengeResult] = []
        var clientPublic: String?
        if parameters?["CHALLENGE_NAME"] == Self.srpA {
            clientPublic = try Self.parameter("SRP_A", in: parameters)
            steps = [.init(challengeName: Self.srpA, challengeResult: true)]
        }
        // A remembered device it presents proves itself once the challenges are done (DG); it gets no new one.
        var device = SignInMachine.Device.none
        if let found, case .presented(let key, let remembered) = try await signInDevice(parameters?["DEVICE_KEY"], userKey: found.record.key,
                                                                                      client: client) {
            device = .presented(key: key, remembered: remembered)
        }
        // InitiateAuth's ClientMetadata reaches PreAuthentication only (API reference).
        return try await nextCustomStep(after: steps, name: name, found: found, device: device, client: client, metadata: nil,
                                        origin: origin, clientPublic: clientPublic)
    }

    /// The answer to CUSTOM_CHALLENGE: VerifyAuthChallengeResponse checks ANSWER, then
    /// DefineAuthChallenge decides what follows. The session is used up either way. A known user's
    /// answer is decided and counted before it is checked (``SignInRules/customAnswerAttempt(_:now:)``):
    /// while wrong answers lock the user out, it is refused unchecked.
    func answerCustomChallenge(_ responses: [String: String]?, session text: String?, client: AppClient,
                               metadata: [String: String]?, origin: SignInOrigin) async throws -> SignInOutcome {
        _ = try Self.signedUsername(responses, client: client)
        let answer = try Self.parameter("ANSWER", in: responses)
        guard let text else { throw AWSServiceError.invalidParameterException("Missing required parameter Session") }
        let session = try await sessions.unseal(text, client: client)
        guard session.challenge == .customChallenge, session.userPoolID == client.pool.id else { throw SignInSessions.invalid }
        try await sessions.consume(session)
        var found = try await countCustomAnswer(of: session, client: client)
        let subject = CustomAuthTriggers.Subject(pool: client.pool, user: found?.user, userName: session.username, clientID: client.id,
                                                 clientMetadata: metadata)
        let correct: Bool
        do {
            correct = try await triggers.verifyAuthChallengeResponse(subject, privateParameters: session.custom.privateParameters,
                                                                  answer: answer)
        } catch {
            if let known = found { _ = try? await takeBackCustomAnswer(of: known.record, client: client) }  // never checked
            throw error
        }
        if correct, let known = found { found = try await takeBackCustomAnswer(of: known.record, client: client) }
        let steps = session.custom.steps + [CustomAuthTriggers.ChallengeResult(challengeName: ChallengeNameType.customChallenge.rawValue,
                                                                               challengeResult: correct,
                                                                               challengeMetadata: session.custom.metadata)]
        return try await nextCustomStep(after: steps, name: session.username, found: found, device: session.progress.device, client: client,
                                        metadata: metadata, origin: origin)
    }

    /// The user of a custom challenge's session, its answer counted as wrong until it is checked
    /// (``SignInRules/customAnswerAttempt(_:now:)``); `nil` for a name the client hides.
    /// - Throws: NotAuthorizedException "Password attempts exceeded" while wrong answers lock the
    ///   user out; ``SignInSessions/invalid`` when the user is gone.
    private func countCustomAnswer(of session: SignInSession, client: AppClient) async throws -> (record: UserRecord, user: StoredUser)? {
        guard session.sub != nil else { return nil }
        let now = clock.now()
        let (record, user, refusal) = try await updateUser(of: session, in: client.pool, touching: false) { user, _ in
            SignInRules.customAnswerAttempt(&user, now: now)
        }
        if let refusal { throw refusal.error }
        return (record, user)
    }

    /// The custom answer counted as wrong before it was checked no longer counts: it was right, or
    /// VerifyAuthChallengeResponse failed to check it.
    private func takeBackCustomAnswer(of record: UserRecord, client: AppClient) async throws -> (record: UserRecord, user: StoredUser) {
        let (record, user, _) = try await users.update(named: record.key, in: client.pool, touching: false) { user, _ in
            SignInRules.uncountCustomAnswer(&user)
        }
        return (record, user)
    }

    /// What DefineAuthChallenge decides after `steps`: a refusal, tokens (without the pool's MFA:
    /// a custom flow runs its own challenges), or a new CUSTOM_CHALLENGE that CreateAuthChallenge
    /// makes, at most ``CustomAuthTriggers/maximumChallenges`` in one sign-in. Before tokens, threat
    /// protection screens and assesses the sign-in in the pool's CustomAuthMode (``RiskAssessor/mode(of:customAuth:)``):
    /// ENFORCED refuses what it blocks; the custom challenges stand for the MFA it may require.
    /// - Parameters:
    ///   - device: the user's device the sign-in presented, carried to its end.
    ///   - clientPublic: the client's SRP A, when the sign-in started with SRP_A and
    ///     DefineAuthChallenge may ask for PASSWORD_VERIFIER.
    func nextCustomStep(after steps: [CustomAuthTriggers.ChallengeResult], name: String, found: (record: UserRecord, user: StoredUser)?,
                        device: SignInMachine.Device, client: AppClient, metadata: [String: String]?, origin: SignInOrigin,
                        clientPublic: String? = nil) async throws -> SignInOutcome {
        let subject = CustomAuthTriggers.Subject(pool: client.pool, user: found?.user, userName: name, clientID: client.id,
                                                 clientMetadata: metadata)
        switch try await triggers.defineAuthChallenge(subject, session: steps) {
        case .passwordVerifier:
            guard let clientPublic else { throw TriggerEvent.unrecognizable }
            return try await passwordVerifierChallenge(name: name, found: found, clientPublic: clientPublic, client: client, customSteps: steps,
                                                       device: device)
        case .fail:
            throw SignInRefusal.incorrectPassword.error
        case .issueTokens:
            guard let found else { throw SignInRefusal.incorrectPassword.error }
            let screening = try await risk.screen(origin, client: client, customAuth: true)
            let assessment = try await risk.assessSignIn(screening, of: found.record, user: found.user, password: nil, device: device,
                                                         origin: origin, client: client)
            return try await proceed(after: .passwordVerified, progress: SignInMachine.Progress(mfaPassed: true, device: device), record: found.record,
                                     user: found.user, client: client, metadata: metadata, authTime: clock.now(), assessment: assessment)
        case .customChallenge:
            guard steps.count < CustomAuthTriggers.maximumChallenges else { throw SignInRefusal.incorrectPassword.error }
            let challenge = try await triggers.createAuthChallenge(subject, session: steps)
            let username = found?.user.username ?? name
            var session = sessions.start(.customChallenge, client: client, sub: found?.record.sub, username: username,
                                         progress: .init(device: device))
            session.custom = SignInSession.CustomAuthState(steps: steps, privateParameters: challenge.privateParameters,
                                                           metadata: challenge.metadata)
            var parameters = challenge.publicParameters
            parameters["USERNAME"] = username
            return SignInOutcome(challengeName: .customChallenge, session: try await sessions.sealed(session), challengeParameters: parameters)
        }
    }
}
