import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage

extension Gatehouse {
    /// Starts a sign-in (InitiateAuth, AdminInitiateAuth) with a flow the caller allows on that
    /// operation: checks that the client allows it, then runs it.
    /// - Throws: `InvalidParameterException` for a flow the client does not allow or a missing
    ///   parameter, and what each flow refuses.
    func initiateAuth(_ flow: AuthFlowType, parameters: [String: String]?, pool: UserPoolType,
                      client: UserPoolClientType) async throws -> SignInOutcome {
        try Self.checkFlowEnabled(flow, for: client)
        switch flow {
        case .refreshTokenAuth, .refreshToken:
            return try await refreshTokens(parameters, pool: pool, client: client)
        case .userSrpAuth:
            return try await startSRP(parameters, pool: pool, client: client)
        default:
            let name = try Self.signedUsername(parameters, client: client)
            let password = try Self.parameter("PASSWORD", in: parameters)
            let found = try await signInUser(named: name, in: pool, client: client)
            let (record, user) = try await verifyPassword(password, of: found, pool: pool)
            return try await continueSignIn(after: .passwordVerified, record: record, user: user, pool: pool, client: client,
                                            authTime: clock.now())
        }
    }

    /// Answers a challenge (RespondToAuthChallenge, AdminRespondToAuthChallenge): PASSWORD_VERIFIER,
    /// NEW_PASSWORD_REQUIRED, SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP, SELECT_MFA_TYPE, MFA_SETUP.
    /// - Throws: `InvalidParameterException` for a challenge Gatehouse does not answer, and what
    ///   each challenge refuses.
    func answerChallenge(_ challenge: ChallengeNameType, responses: [String: String]?, session: String?,
                         pool: UserPoolType, client: UserPoolClientType) async throws -> SignInOutcome {
        switch challenge {
        case .passwordVerifier:
            return try await answerPasswordVerifier(responses, pool: pool, client: client)
        case .newPasswordRequired:
            return try await answerNewPasswordRequired(responses, session: session, pool: pool, client: client)
        case .smsMfa, .softwareTokenMfa, .emailOtp:
            return try await answerMfaCode(challenge, responses: responses, session: session, pool: pool, client: client)
        case .selectMfaType:
            return try await answerSelectMfaType(responses, session: session, pool: pool, client: client)
        case .mfaSetup:
            return try await answerMfaSetup(responses, session: session, pool: pool, client: client)
        default:
            throw AWSServiceError.invalidParameterException("Unsupported challenge name \(challenge.rawValue)")
        }
    }

    /// The session a challenge answer carries, opened for `client` and checked by ``checkSession(_:for:pool:)``.
    func openSession(_ text: String?, for challenge: ChallengeNameType, pool: UserPoolType,
                     client: UserPoolClientType) async throws -> SignInSession {
        guard let text else { throw AWSServiceError.invalidParameterException("Missing required parameter Session") }
        let session = try SignInSession(opening: text, clientID: client.clientId ?? "", with: try await signInSeal.value(), now: clock.now())
        try await checkSession(session, for: challenge, pool: pool)
        return session
    }

    /// Checks that a session is one of `pool` for `challenge`, of a user, and not used yet.
    /// Answers that may fail and be tried again use the session up only when they succeed
    /// (``consume(_:)``); one used already is refused before anything else is checked.
    /// - Throws: `NotAuthorizedException` "Invalid session for the user." or
    ///   "Invalid session for the user, session can only be used once.".
    func checkSession(_ session: SignInSession, for challenge: ChallengeNameType, pool: UserPoolType) async throws {
        guard session.challenge == challenge, session.userPoolID == pool.id, session.sub != nil else {
            throw AWSServiceError.notAuthorizedException("Invalid session for the user.")
        }
        if try await storage.isSessionUsed(id: session.id) { throw Self.sessionUsed }
    }

    /// The answer to NEW_PASSWORD_REQUIRED: NEW_PASSWORD, checked against the policy, replaces the
    /// temporary password, the `userAttributes.` responses set attributes (the pool's required
    /// ones must all be there after), and the user becomes CONFIRMED.
    func answerNewPasswordRequired(_ responses: [String: String]?, session text: String?, pool: UserPoolType,
                                   client: UserPoolClientType) async throws -> SignInOutcome {
        let session = try await openSession(text, for: .newPasswordRequired, pool: pool, client: client)
        _ = try Self.signedUsername(responses, client: client)
        let password = try Self.parameter("NEW_PASSWORD", in: responses)
        let policy = PasswordPolicy(pool.policies?.passwordPolicy)
        try policy.check(password, wording: .newPassword)
        let given = (responses ?? [:]).filter { $0.key.hasPrefix("userAttributes.") }.sorted { $0.key < $1.key }
            .map { AttributeType(name: String($0.key.dropFirst("userAttributes.".count)), value: $0.value) }
        try Self.checkWritable(given, by: client)
        let changes = try UserAttributeRules(pool: pool).updating(given)
        let required = (pool.schemaAttributes ?? []).filter { $0.required == true }.compactMap(\.name)
        try await consume(session)
        let poolID = pool.id ?? ""
        let random = random
        let (record, user, _) = try await updateUser(named: session.username, in: pool) { user, record in
            guard record.sub == session.sub, user.status == .forceChangePassword else {
                throw AWSServiceError.notAuthorizedException("Invalid session for the user.")
            }
            for (name, value) in changes {
                if let value { user.setAttribute(name, value) } else { user.removeAttribute(name) }
            }
            let missing = required.filter { user.attribute($0) == nil }
            guard missing.isEmpty else {
                throw AWSServiceError.invalidParameterException(
                    "Attributes did not conform to the schema: " + missing.map { "\($0): The attribute is required.\n" }.joined())
            }
            try user.replacePassword(password, policy: policy, userPoolID: poolID, random: random)
            user.status = .confirmed
            user.temporaryPasswordExpiry = nil
        }
        return try await continueSignIn(after: .newPasswordSet, progress: session.progress, record: record, user: user, pool: pool,
                                        client: client, authTime: session.authTime ?? clock.now())
    }

    /// REFRESH_TOKEN_AUTH: the SECRET_HASH may be of either name the user goes by (username or
    /// sub, docs/compatibility.md); then as ``refresh(_:pool:client:rotate:)`` without rotation.
    func refreshTokens(_ parameters: [String: String]?, pool: UserPoolType, client: UserPoolClientType) async throws -> SignInOutcome {
        let (token, record, user) = try await openRefreshToken(try Self.parameter("REFRESH_TOKEN", in: parameters), pool: pool, client: client)
        try SecretHash.check(parameters?["SECRET_HASH"], anyOf: [parameters?["USERNAME"], user.username, record.sub].compactMap { $0 },
                             clientID: token.clientID, clientSecret: client.clientSecret)
        return SignInOutcome(authenticationResult: try await refresh(token, record: record, user: user, pool: pool, client: client, rotate: false))
    }

    /// The refresh token `text`, of `client`, and its user.
    /// - Throws: `NotAuthorizedException` "Invalid Refresh Token" (not this server's, or another
    ///   client's), "Refresh Token has expired"; `UserNotFoundException`.
    func openRefreshToken(_ text: String, pool: UserPoolType,
                          client: UserPoolClientType) async throws -> (token: RefreshToken, record: UserRecord, user: StoredUser) {
        let token = try RefreshToken(opening: text, with: try await signInSeal.value())
        guard token.clientID == client.clientId else { throw AWSServiceError.notAuthorizedException("Invalid Refresh Token") }
        guard token.expiry > clock.now() else { throw AWSServiceError.notAuthorizedException("Refresh Token has expired") }
        guard let record = try await storage.user(userPoolID: pool.id ?? "", sub: token.sub) else { throw Self.userNotFound }
        return (token, record, try StoredUser(record: record))
    }

    /// New ID and access tokens for the sign-in `token` belongs to, with its `auth_time` and
    /// `origin_jti`. With `rotate`, also a new refresh token, and `token` stops working after the
    /// client's RetryGracePeriodSeconds.
    /// - Throws: `NotAuthorizedException` "Refresh Token has been revoked", "User is disabled.";
    ///   `RefreshTokenReuseException` for a token rotated out whose grace period is over.
    func refresh(_ token: RefreshToken, record: UserRecord, user: StoredUser, pool: UserPoolType, client: UserPoolClientType,
                 rotate: Bool) async throws -> AuthenticationResultType {
        let reused = AWSServiceError(type: "RefreshTokenReuseException", message: "Refresh Token has been rotated and can no longer be used.",
                                     status: 400)
        let now = clock.now()
        guard user.isSignInActive(token.originJTI) else { throw AWSServiceError.notAuthorizedException("Refresh Token has been revoked") }
        guard user.isRefreshTokenUsable(token.id, now: now) else { throw reused }
        guard user.enabled else { throw AWSServiceError.notAuthorizedException("User is disabled.") }
        if rotate {
            let grace = TimeInterval(client.refreshTokenRotation?.retryGracePeriodSeconds ?? 0)
            try await updateUser(named: record.key, in: pool) { user, _ in
                // Checked again in the write: of two concurrent rotations without grace, one fails.
                guard user.isRefreshTokenUsable(token.id, now: now) else { throw reused }
                user.rotateOut(refreshToken: token.id, expiry: token.expiry, grace: grace, now: now)
            }
        }
        return try await issueTokens(record: record, user: user, pool: pool, client: client, authTime: token.authTime,
                                     originJTI: token.originJTI, includeRefreshToken: rotate)
    }
}
