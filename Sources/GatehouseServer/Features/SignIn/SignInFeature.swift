import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage

/// Signing in: InitiateAuth and AdminInitiateAuth start a flow, RespondToAuthChallenge and
/// AdminRespondToAuthChallenge answer its challenges, until tokens. The decisions are Core's
/// (``SignInRules``, ``SignInMachine``, ``SignInMfa``); this feature loads, calls and stores.
struct SignInFeature: Sendable {
    let directory: UserPoolDirectory
    let users: UserDirectory
    let sessions: SignInSessions
    let tokens: TokenService
    let refreshTokens: RefreshTokens
    let devices: UserDevices
    let messenger: Messenger
    let triggers: Triggers
    let risk: RiskAssessor
    /// Sign-ins by flow and result, and lockouts.
    let metrics: ServerMetrics
    /// Makes the codes of SMS_MFA and EMAIL_OTP.
    let codes: CodeIssuer
    /// Derives the salt and verifier an unknown user is challenged with.
    let seal: ServerKey<SealingKey>
    let clock: Clock
    let random: RandomSource

    func register(in registry: inout OperationRegistry) {
        registry.register(Operations.InitiateAuth.self, initiateAuth)
        registry.register(Operations.AdminInitiateAuth.self, adminInitiateAuth)
        registry.register(Operations.RespondToAuthChallenge.self, respondToAuthChallenge)
        registry.register(Operations.AdminRespondToAuthChallenge.self, adminRespondToAuthChallenge)
    }

    /// Starts a sign-in with a flow the operation takes: checks that the client allows it, then runs it.
    /// - Throws: `InvalidParameterException` for a flow the client does not allow or a missing
    ///   parameter, and what each flow refuses.
    /// - Parameters:
    ///   - validationData: the call's ClientMetadata, which reaches PreAuthentication (and no later
    ///     trigger) as `validationData`.
    ///   - origin: where the call comes from, for threat protection.
    func start(_ flow: AuthFlowType, parameters: [String: String]?, client: AppClient,
               validationData: [String: String]?, origin: SignInOrigin) async throws -> SignInOutcome {
        try await counted(flow.rawValue) {
            try await run(flow, parameters: parameters, client: client, validationData: validationData, origin: origin)
        }
    }

    /// The flow the metrics count a password typed into the managed login pages under.
    static let managedLoginFlow = "MANAGED_LOGIN"

    /// What `step` gives, counted in the metrics under `flow` (the AuthFlow, ``managedLoginFlow``,
    /// or the challenge answered).
    func counted(_ flow: String, _ step: () async throws -> SignInOutcome) async throws -> SignInOutcome {
        do {
            let outcome = try await step()
            metrics.signIn(flow, result: outcome.challengeName?.rawValue ?? "tokens", lockedOut: false)
            return outcome
        } catch {
            let refusal = error as? AWSServiceError
            metrics.signIn(flow, result: refusal?.type ?? AWSServiceError.internalError.type,
                           lockedOut: refusal == SignInRefusal.passwordAttemptsExceeded.error)
            throw error
        }
    }

    private func run(_ flow: AuthFlowType, parameters: [String: String]?, client: AppClient,
                     validationData: [String: String]?, origin: SignInOrigin) async throws -> SignInOutcome {
        try SignInRules.checkFlowEnabled(flow, for: client.settings)
        switch flow {
        case .refreshTokenAuth, .refreshToken:
            return try await refresh(parameters, client: client)
        case .userSrpAuth:
            return try await startSRP(parameters, client: client, validationData: validationData, origin: origin)
        case .customAuth:
            return try await startCustomAuth(parameters, client: client, metadata: validationData, origin: origin)
        default:
            return try await signIn(named: try Self.signedUsername(parameters, client: client),
                                    password: try Self.parameter("PASSWORD", in: parameters), deviceKey: parameters?["DEVICE_KEY"],
                                    client: client, validationData: validationData, origin: origin)
        }
    }

    /// A sign-in with a password given in the clear: USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH,
    /// and, with `managedLogin`, the managed login pages' (which may sign in whatever the client's
    /// ExplicitAuthFlows, and present no device). Threat protection screens its address before the
    /// user is looked up, assesses it before the password is checked, and acts once it is proven.
    func signIn(named name: String, password: String, deviceKey: String?, client: AppClient, validationData: [String: String]?,
                origin: SignInOrigin, managedLogin: Bool = false) async throws -> SignInOutcome {
        let screening = try await risk.screen(origin, client: client)
        let found: (record: UserRecord, user: StoredUser)
        do {
            found = try await preAuthenticatedUser(named: name, client: client, validationData: validationData, migrating: password)
        } catch let error as AWSServiceError where error == SignInRefusal.incorrectPassword.error {
            // A user the client hides costs the password check a real one does.
            _ = try await unknownUserVerifier(name, pool: client.pool.id).matches(password, userIDForSRP: name, userPoolID: client.pool.id)
            throw error
        }
        let device = managedLogin ? .none : try await signInDevice(deviceKey, userKey: found.record.key, client: client)
        let assessment = try await risk.assessSignIn(screening, of: found.record, user: found.user, password: password, device: device,
                                                     origin: origin, client: client)
        let record: UserRecord, user: StoredUser
        do {
            (record, user) = try await verifyPassword(password, of: found.record, pool: client.pool)
        } catch let error as AWSServiceError where error == SignInRefusal.incorrectPassword.error {
            await risk.recordWrongPassword(assessment, of: found.record, user: found.user, pool: client.pool)
            throw error
        }
        return try await proceed(after: .passwordVerified, progress: .init(device: device, managedLogin: managedLogin), record: record,
                                 user: user, client: client, metadata: nil, authTime: clock.now(), assessment: assessment)
    }

    /// Answers a challenge: PASSWORD_VERIFIER, NEW_PASSWORD_REQUIRED, SMS_MFA, SOFTWARE_TOKEN_MFA,
    /// EMAIL_OTP, SELECT_MFA_TYPE, MFA_SETUP, CUSTOM_CHALLENGE, DEVICE_SRP_AUTH, DEVICE_PASSWORD_VERIFIER.
    /// - Throws: `InvalidParameterException` for a challenge Gatehouse does not answer, and what
    ///   each challenge refuses.
    /// - Parameters:
    ///   - metadata: the call's ClientMetadata, for the triggers it reaches.
    ///   - origin: where the call came from, which threat protection and a device's sign-in record.
    ///   - managedLogin: the answer comes from the managed login pages, whose sessions the API does
    ///     not take, nor they the API's.
    func answer(_ challenge: ChallengeNameType, responses: [String: String]?, session: String?,
                client: AppClient, metadata: [String: String]?, origin: SignInOrigin, managedLogin: Bool = false) async throws -> SignInOutcome {
        try await counted(challenge.rawValue) {
            try await respond(challenge, responses: responses, session: session, client: client, metadata: metadata, origin: origin,
                              managedLogin: managedLogin)
        }
    }

    private func respond(_ challenge: ChallengeNameType, responses: [String: String]?, session: String?, client: AppClient,
                         metadata: [String: String]?, origin: SignInOrigin, managedLogin: Bool) async throws -> SignInOutcome {
        // A session that does not open is left to the challenge's own checks, as before pages existed.
        if let session, let opened = try? await sessions.unseal(session, client: client), opened.progress.managedLogin != managedLogin {
            throw SignInSessions.invalid
        }
        switch challenge {
        case .passwordVerifier:
            return try await answerPasswordVerifier(responses, client: client, metadata: metadata, origin: origin)
        case .newPasswordRequired:
            return try await answerNewPasswordRequired(responses, session: session, client: client, metadata: metadata)
        case .smsMfa, .softwareTokenMfa, .emailOtp:
            return try await answerMfaCode(challenge, responses: responses, session: session, client: client, metadata: metadata)
        case .selectMfaType:
            return try await answerSelectMfaType(responses, session: session, client: client, metadata: metadata)
        case .mfaSetup:
            return try await answerMfaSetup(responses, session: session, client: client, metadata: metadata)
        case .customChallenge:
            return try await answerCustomChallenge(responses, session: session, client: client, metadata: metadata, origin: origin)
        case .deviceSrpAuth:
            return try await answerDeviceSRPAuth(responses, session: session, client: client)
        case .devicePasswordVerifier:
            return try await answerDevicePasswordVerifier(responses, client: client, metadata: metadata, sourceIPAddress: origin.ipAddress)
        default:
            throw AWSServiceError.invalidParameterException("Unsupported challenge name \(challenge.rawValue)")
        }
    }

    /// REFRESH_TOKEN_AUTH: the SECRET_HASH may be of either name the user goes by (username or
    /// sub, docs/compatibility.md); then new tokens without rotation.
    func refresh(_ parameters: [String: String]?, client: AppClient) async throws -> SignInOutcome {
        let (token, record, user) = try await refreshTokens.unseal(try Self.parameter("REFRESH_TOKEN", in: parameters), client: client)
        try SecretHash.check(parameters?["SECRET_HASH"], anyOf: [parameters?["USERNAME"], user.username, record.sub].compactMap { $0 },
                             clientID: token.clientID, clientSecrets: client.secrets)
        // InitiateAuth's ClientMetadata reaches no trigger of a refresh (docs/compatibility.md).
        return SignInOutcome(authenticationResult: try await refreshTokens.refresh(token, record: record, user: user, client: client,
                                                                                   rotate: false, clientMetadata: nil,
                                                                                   deviceKey: parameters?["DEVICE_KEY"]))
    }

    /// Changes the user a sign-in session was made for, in one update: found by the session's
    /// username, and the same user only while its sub is the session's. Nothing is written otherwise.
    /// - Parameter known: that user as just read, which decides without a write a change that
    ///   leaves it as it is, when `touching` is false (``UserDirectory/update(named:in:touching:known:_:)``).
    /// - Throws: `gone` when that user no longer exists, or another user now has its name; what
    ///   `change` throws.
    func updateUser<Outcome: Sendable>(
        of session: SignInSession, in pool: UserPool, touching: Bool = true, known: UserRecord? = nil,
        gone: AWSServiceError = SignInSessions.invalid,
        _ change: @escaping @Sendable (inout StoredUser, UserRecord) throws -> Outcome
    ) async throws -> (record: UserRecord, user: StoredUser, outcome: Outcome) {
        do {
            return try await users.update(named: session.username, in: pool, touching: touching, known: known) { user, record in
                guard record.sub == session.sub else { throw gone }
                return try change(&user, record)
            }
        } catch let error as AWSServiceError where error == UserDirectory.userNotFound {
            throw gone
        }
    }

    /// A required member of AuthParameters or ChallengeResponses.
    /// - Throws: `InvalidParameterException` "Missing required parameter NAME".
    static func parameter(_ name: String, in parameters: [String: String]?) throws(AWSServiceError) -> String {
        guard let value = parameters?[name] else { throw .invalidParameterException("Missing required parameter \(name)") }
        return value
    }

    /// The USERNAME of AuthParameters or ChallengeResponses, its SECRET_HASH checked for `client`.
    /// - Throws: `InvalidParameterException` without USERNAME; `NotAuthorizedException` for a
    ///   missing or wrong SECRET_HASH of a client with a secret.
    static func signedUsername(_ parameters: [String: String]?, client: AppClient) throws(AWSServiceError) -> String {
        let username = try parameter("USERNAME", in: parameters)
        try SecretHash.check(parameters?["SECRET_HASH"], username: username, clientID: client.id, clientSecrets: client.secrets)
        return username
    }
}
