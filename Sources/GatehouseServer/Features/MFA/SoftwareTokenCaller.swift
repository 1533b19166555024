import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

/// Whose software token a call sets up: the access token's user, or the user of an MFA_SETUP session.
struct SoftwareTokenCaller: Sendable {
    let pool: UserPool
    let record: UserRecord
    /// The MFA_SETUP session of the call, or `nil` for a call with an access token.
    let session: SignInSession?
}

extension MFAFeature {
    /// Identifies the caller of AssociateSoftwareToken or VerifySoftwareToken.
    /// - Throws: what ``AccessTokens/caller(_:)`` and ``SignInSessions/check(_:for:pool:)`` throw;
    ///   `InvalidParameterException` when neither an access token nor a session is given.
    func softwareTokenCaller(accessToken: String?, session text: String?) async throws -> SoftwareTokenCaller {
        if let accessToken {
            let caller = try await accessTokens.caller(accessToken)
            return SoftwareTokenCaller(pool: caller.pool, record: caller.record, session: nil)
        }
        guard let text else { throw AWSServiceError.invalidParameterException("Either AccessToken or Session must be given.") }
        // The call names no client: the session does, and that client must still exist.
        let session = try await sessions.unsealNamingItsClient(text)
        let pool = try await directory.appClient(session.clientID, userPoolID: session.userPoolID).pool
        try await sessions.check(session, for: .mfaSetup, pool: pool)
        let (record, _) = try await sessions.user(of: session, in: pool)
        return SoftwareTokenCaller(pool: pool, record: record, session: session)
    }

    /// The session a successful AssociateSoftwareToken or VerifySoftwareToken hands back: the
    /// caller's is used up and the sign-in goes on with a new one; `nil` for a call with an access token.
    func nextSession(after caller: SoftwareTokenCaller) async throws -> String? {
        guard var session = caller.session else { return nil }
        try await sessions.consume(session)
        session.id = random.uuid()
        return try await sessions.sealed(session)
    }
}
