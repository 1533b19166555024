import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage

/// The sealed, single-use sessions that carry a sign-in from one challenge to the next, so that
/// any server process can continue it.
struct SignInSessions: Sendable {
    let storage: any Storage
    let seal: ServerKey<SealingKey>
    let clock: Clock
    let random: RandomSource

    static let invalid = AWSServiceError.notAuthorizedException("Invalid session for the user.")
    static let used = AWSServiceError.notAuthorizedException("Invalid session for the user, session can only be used once.")

    /// A new session for `challenge` of `client`'s sign-in of the user `sub`.
    func start(_ challenge: ChallengeNameType, client: AppClient, sub: String?, username: String, authTime: Date? = nil,
               progress: SignInMachine.Progress = .init(), srpKey: [UInt8]? = nil) -> SignInSession {
        SignInSession(challenge: challenge, id: random.uuid(), userPoolID: client.pool.id, clientID: client.id, sub: sub,
                      username: username, expiry: clock.now().addingTimeInterval(SignInRules.sessionLifetime(client.settings)),
                      srpKey: srpKey, authTime: authTime, progress: progress)
    }

    /// The session as the client gets it.
    func sealed(_ session: SignInSession) async throws -> String {
        session.sealed(with: try await seal.value(), random: random)
    }

    /// The session a challenge answer carries (a SECRET_BLOCK, a Session), opened for `client`, without further checks.
    /// - Throws: `NotAuthorizedException` for a session that is not this server's, another client's, or expired.
    func unseal(_ text: String, client: AppClient) async throws -> SignInSession {
        try SignInSession(opening: text, clientID: client.id, with: try await seal.value(), now: clock.now())
    }

    /// The session of a call that names no client (AssociateSoftwareToken, VerifySoftwareToken):
    /// the session names it.
    func unsealNamingItsClient(_ text: String) async throws -> SignInSession {
        try SignInSession(openingAnyClient: text, with: try await seal.value(), now: clock.now())
    }

    /// The session a challenge answer carries, opened for `client` and checked by ``check(_:for:pool:)``.
    /// - Throws: `InvalidParameterException` without a session; what opening and checking throw.
    func open(_ text: String?, for challenge: ChallengeNameType, client: AppClient) async throws -> SignInSession {
        guard let text else { throw AWSServiceError.invalidParameterException("Missing required parameter Session") }
        let session = try await unseal(text, client: client)
        try await check(session, for: challenge, pool: client.pool)
        return session
    }

    /// Checks that a session is one of `pool` for `challenge`, of a user, and not used yet.
    /// Answers that may fail and be tried again use the session up only when they succeed
    /// (``consume(_:)``); one used already is refused before anything else is checked.
    /// - Throws: ``invalid`` or ``used``.
    func check(_ session: SignInSession, for challenge: ChallengeNameType, pool: UserPool) async throws {
        guard session.challenge == challenge, session.userPoolID == pool.id, session.sub != nil else { throw Self.invalid }
        if try await storage.isSessionUsed(id: session.id) { throw Self.used }
    }

    /// Marks a session used.
    /// - Throws: ``used`` when it was used before.
    func consume(_ session: SignInSession) async throws {
        // `now` at the session's expiry: its use never lapses while the session can be opened.
        guard try await storage.useSession(id: session.id, expiry: session.expiry, now: session.expiry) else { throw Self.used }
    }

    /// The session's user, as stored now.
    /// - Throws: ``invalid`` when the user is gone.
    func user(of session: SignInSession, in pool: UserPool) async throws -> (record: UserRecord, user: StoredUser) {
        guard let sub = session.sub, let record = try await storage.user(userPoolID: pool.id, sub: sub) else { throw Self.invalid }
        return (record, try StoredUser(record: record))
    }
}
