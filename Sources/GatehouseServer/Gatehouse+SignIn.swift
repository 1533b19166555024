import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage

/// What InitiateAuth, AdminInitiateAuth and the challenge answers return: a challenge with its
/// session and parameters, or tokens.
struct SignInOutcome: Sendable {
    var challengeName: ChallengeNameType?
    var session: String?
    var challengeParameters: [String: String]?
    var authenticationResult: AuthenticationResultType?
}

extension Gatehouse {
    static let incorrectPassword = AWSServiceError.notAuthorizedException("Incorrect username or password.")

    /// The sign-in flows a client allows, by the ExplicitAuthFlows value that allows each: its
    /// ALLOW_ value, or its legacy value for clients set up with those (which always allow SRP and
    /// refresh).
    static func checkFlowEnabled(_ flow: AuthFlowType, for client: UserPoolClientType) throws(AWSServiceError) {
        let flows = Set(UserPoolClientConfiguration.effectiveExplicitAuthFlows(client))
        let legacy = !flows.contains { $0.rawValue.hasPrefix("ALLOW_") }
        let admin = flow == .adminUserPasswordAuth || flow == .adminNoSrpAuth
        let enabled = switch flow {
        case .userSrpAuth: flows.contains(.allowUserSrpAuth) || legacy
        case .refreshTokenAuth, .refreshToken: flows.contains(.allowRefreshTokenAuth) || legacy
        case .userPasswordAuth: flows.contains(.allowUserPasswordAuth) || flows.contains(.userPasswordAuth)
        case .adminUserPasswordAuth, .adminNoSrpAuth: flows.contains(.allowAdminUserPasswordAuth) || flows.contains(.adminNoSrpAuth)
        default: false
        }
        guard !enabled else { return }
        throw .invalidParameterException(admin ? "Auth flow not enabled for this client" : "\(flow.rawValue) flow not enabled for this client")
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
    static func signedUsername(_ parameters: [String: String]?, client: UserPoolClientType) throws(AWSServiceError) -> String {
        let username = try parameter("USERNAME", in: parameters)
        try SecretHash.check(parameters?["SECRET_HASH"], username: username, clientID: client.clientId ?? "", clientSecret: client.clientSecret)
        return username
    }

    /// The user a sign-in names. A user with a temporary password signs in by username only: its
    /// aliases do not name it yet (COGNITO-NOTES §5.2).
    /// - Throws: `UserNotFoundException` "User does not exist.", or, when the client hides which
    ///   users exist, `NotAuthorizedException` "Incorrect username or password.".
    func signInUser(named name: String, in pool: UserPoolType, client: UserPoolClientType) async throws -> UserRecord {
        do {
            return try await userRecord(named: name, in: pool) { try StoredUser(record: $0).status != .forceChangePassword }
        } catch let error as AWSServiceError where error == Self.userNotFound {
            throw Self.hidesUsers(client) ? Self.incorrectPassword : error
        }
    }

    /// Checks what refuses a user before any password is looked at: a disabled user, a lockout
    /// after wrong passwords, a password an administrator reset.
    func checkMaySignIn(_ user: StoredUser) throws(AWSServiceError) {
        guard user.enabled else { throw .notAuthorizedException("User is disabled.") }
        if user.signInFailures.lockedUntil(now: clock.now()) != nil { throw .notAuthorizedException("Password attempts exceeded") }
        if user.status == .resetRequired { throw .passwordResetRequiredException("Password reset required for the user") }
    }

    /// Checks what refuses a user after the right password: a temporary password past its expiry,
    /// an unconfirmed user. Clears the count of wrong passwords.
    /// - Parameter user: `record`'s user, decoded.
    /// - Returns: the user as stored after that.
    func passwordProven(_ record: UserRecord, user: StoredUser, pool: UserPoolType) async throws -> (UserRecord, StoredUser) {
        if user.status == .forceChangePassword, let expiry = user.temporaryPasswordExpiry, expiry <= clock.now() {
            throw AWSServiceError.notAuthorizedException("Temporary password has expired and must be reset by an administrator.")
        }
        if user.status == .unconfirmed { throw AWSServiceError.userNotConfirmedException("User is not confirmed.") }
        guard user.signInFailures.count > 0 else { return (record, user) }
        let updated = try await updateUser(named: record.key, in: pool) { user, _ in user.signInFailures = SignInFailures() }
        return (updated.record, updated.user)
    }

    /// Counts a wrong password against the user (the lockout), then refuses the sign-in.
    func passwordFailed(_ record: UserRecord, pool: UserPoolType) async throws -> Never {
        let now = clock.now()
        try await updateUser(named: record.key, in: pool) { user, _ in user.signInFailures.record(at: now) }
        throw Self.incorrectPassword
    }

    /// Checks a password given in the clear (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH) against
    /// the user's verifier, with the refusals of ``checkMaySignIn(_:)`` and ``passwordProven(_:user:pool:)``.
    func verifyPassword(_ password: String, of record: UserRecord, pool: UserPoolType) async throws -> (UserRecord, StoredUser) {
        let user = try StoredUser(record: record)
        try checkMaySignIn(user)
        guard let verifier = user.password,
              verifier.matches(password, userIDForSRP: user.username, userPoolID: pool.id ?? "") else {
            try await passwordFailed(record, pool: pool)
        }
        return try await passwordProven(record, user: user, pool: pool)
    }

    /// Goes on with a sign-in after `event`: the next challenge (a code sent first for SMS_MFA and
    /// EMAIL_OTP), or tokens.
    /// - Parameters:
    ///   - progress: what the sign-in had done before, from its session.
    ///   - authTime: when the password was proven.
    func continueSignIn(after event: SignInMachine.Event, progress: SignInMachine.Progress = .init(), record: UserRecord,
                        user: StoredUser, pool: UserPoolType, client: UserPoolClientType, authTime: Date) async throws -> SignInOutcome {
        var progress = progress
        SignInMachine.apply(event, to: &progress)
        let mfa = try await poolMfa(pool)
        let facts = mfa.facts(for: user)
        switch SignInMachine.next(progress, facts: facts) {
        case .issueTokens:
            let originJTI = SignInSessionID.make(at: authTime, random: random)
            return SignInOutcome(authenticationResult: try await issueTokens(
                record: record, user: user, pool: pool, client: client, authTime: authTime, originJTI: originJTI, includeRefreshToken: true))
        case .challenge(let challenge):
            var parameters = ["USER_ID_FOR_SRP": user.username]
            switch challenge {
            case .newPasswordRequired: parameters.merge(newPasswordParameters(user: user, pool: pool, client: client)) { $1 }
            case .smsMfa, .emailOtp: parameters.merge(try await sendSignInCode(challenge, record: record, pool: pool, mfa: mfa)) { $1 }
            case .selectMfaType: parameters["MFAS_CAN_CHOOSE"] = Self.jsonList(facts.userFactors)
            case .mfaSetup: parameters["MFAS_CAN_SETUP"] = Self.jsonList(mfa.offered)
            default: break
            }
            let session = SignInSession(
                challenge: challenge, id: random.uuid(), userPoolID: pool.id ?? "", clientID: client.clientId ?? "", sub: record.sub,
                username: user.username, expiry: clock.now().addingTimeInterval(Self.sessionLifetime(client)), authTime: authTime,
                progress: progress)
            return SignInOutcome(challengeName: challenge, session: session.sealed(with: try await signInSeal.value(), random: random),
                                 challengeParameters: parameters)
        }
    }

    /// Challenge names as a JSON array, as MFAS_CAN_CHOOSE and MFAS_CAN_SETUP show them.
    static func jsonList(_ names: [ChallengeNameType]) -> String {
        String(decoding: AWSJSON.encode(names.map(\.rawValue)), as: UTF8.self)
    }

    /// Marks a session used.
    /// - Throws: `NotAuthorizedException` "Invalid session for the user, session can only be used
    ///   once." when it was used before.
    func consume(_ session: SignInSession) async throws {
        guard try await storage.useSession(id: session.id, expiry: session.expiry) else { throw Self.sessionUsed }
    }

    static let sessionUsed = AWSServiceError.notAuthorizedException("Invalid session for the user, session can only be used once.")

    /// A client's AuthSessionValidity in seconds.
    static func sessionLifetime(_ client: UserPoolClientType) -> TimeInterval {
        TimeInterval((client.authSessionValidity ?? UserPoolClientConfiguration.defaultAuthSessionValidity) * 60)
    }

    /// The ChallengeParameters of NEW_PASSWORD_REQUIRED besides USER_ID_FOR_SRP: the user's
    /// attributes the client reads and the pool's required attributes the user lacks.
    func newPasswordParameters(user: StoredUser, pool: UserPoolType, client: UserPoolClientType) -> [String: String] {
        let attributes = Self.readable(user.attributes, by: client).filter { $0.name != "sub" }
        var shown = JSONWriter()
        shown.beginObject()
        for attribute in attributes { shown.member(named: attribute.name ?? "", attribute.value ?? "") }
        shown.endObject()
        let missing = (pool.schemaAttributes ?? []).filter { $0.required == true && user.attribute($0.name ?? "") == nil }
            .map { "userAttributes.\($0.name ?? "")" }
        return ["userAttributes": String(decoding: shown.bytes, as: UTF8.self),
                "requiredAttributes": String(decoding: AWSJSON.encode(missing), as: UTF8.self)]
    }

    /// The attributes an app client reads: its ReadAttributes, or when it has none every attribute
    /// but developer-only ones.
    static func readable(_ attributes: [AttributeType], by client: UserPoolClientType) -> [AttributeType] {
        attributes.filter { attribute in
            let name = attribute.name ?? ""
            guard !name.hasPrefix("dev:") else { return false }
            guard let allowed = client.readAttributes, !allowed.isEmpty else { return true }
            return name == "sub" || allowed.contains(name)
        }
    }
}
