import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage

extension Gatehouse {
    /// Whose software token a call sets up: the access token's user, or the user of an MFA_SETUP
    /// session.
    struct SoftwareTokenCaller: Sendable {
        let pool: UserPoolType
        let record: UserRecord
        /// The MFA_SETUP session of the call, or `nil` for a call with an access token.
        let session: SignInSession?
    }

    /// The session a successful AssociateSoftwareToken or VerifySoftwareToken hands back: the
    /// caller's is used up and the sign-in goes on with a new one; `nil` for a call with an access token.
    func nextSession(after caller: SoftwareTokenCaller) async throws -> String? {
        guard var session = caller.session else { return nil }
        try await consume(session)
        session.id = random.uuid()
        return session.sealed(with: try await signInSeal.value(), random: random)
    }

    /// Identifies the caller of AssociateSoftwareToken or VerifySoftwareToken.
    /// - Throws: what ``accessTokenUser(_:)`` and ``checkSession(_:for:pool:)`` throw;
    ///   `InvalidParameterException` when neither an access token nor a session is given.
    func softwareTokenCaller(accessToken: String?, session text: String?, context: CallContext) async throws -> SoftwareTokenCaller {
        if let accessToken {
            let (_, pool, record, _) = try await accessTokenUser(accessToken)
            return SoftwareTokenCaller(pool: pool, record: record, session: nil)
        }
        guard let text else { throw AWSServiceError.invalidParameterException("Either AccessToken or Session must be given.") }
        // The call names no client: the session does, and that client must still exist.
        let session = try SignInSession(openingAnyClient: text, with: try await signInSeal.value(), now: clock.now())
        let pool = try await appClient(session.clientID, userPoolID: session.userPoolID).pool
        try await checkSession(session, for: .mfaSetup, pool: pool)
        guard let sub = session.sub, let record = try await storage.user(userPoolID: session.userPoolID, sub: sub) else {
            throw AWSServiceError.notAuthorizedException("Invalid session for the user.")
        }
        return SoftwareTokenCaller(pool: pool, record: record, session: session)
    }

    /// Gives the caller a new software token secret (32 random bytes), kept sealed until
    /// VerifySoftwareToken confirms it; an earlier unconfirmed one is replaced.
    /// - Throws: `SoftwareTokenMFANotFoundException` when the pool does not offer software tokens.
    func associateSoftwareToken(_ input: AssociateSoftwareTokenRequest, context: CallContext) async throws -> AssociateSoftwareTokenResponse {
        let caller = try await softwareTokenCaller(accessToken: input.accessToken, session: input.session, context: context)
        guard try await poolOffersSoftwareTokens(caller.pool) else {
            throw AWSServiceError(type: "SoftwareTokenMFANotFoundException", message: "Software Token MFA has not been enabled by the userPool.",
                                  status: 400)
        }
        let secret = random.bytes(32)
        let sealed = try await signInSeal.value().seal(secret, context: Self.softwareTokenContext(caller.record.sub), random: random)
        try await updateUser(named: caller.record.key, in: caller.pool) { user, _ in user.mfa.associatedSoftwareToken = sealed }
        return AssociateSoftwareTokenResponse(secretCode: TOTP.base32(secret), session: try await nextSession(after: caller))
    }

    /// Confirms the associated software token with a code from it: it becomes the user's token
    /// and SOFTWARE_TOKEN_MFA is turned on. A wrong code leaves an MFA_SETUP session usable for
    /// another try.
    /// - Throws: `EnableSoftwareTokenMFAException` "Code mismatch and fail enable Software Token MFA".
    func verifySoftwareToken(_ input: VerifySoftwareTokenRequest, context: CallContext) async throws -> VerifySoftwareTokenResponse {
        let code = try input.userCode.required
        let caller = try await softwareTokenCaller(accessToken: input.accessToken, session: input.session, context: context)
        let seal = try await signInSeal.value()
        let now = clock.now()
        let (_, _, verified) = try await updateUser(named: caller.record.key, in: caller.pool) { user, record -> Bool in
            guard let sealed = user.mfa.associatedSoftwareToken,
                  let secret = seal.open(sealed, context: Self.softwareTokenContext(record.sub)),
                  let step = TOTP.matchingStep(code, secret: Array(secret), now: now) else { return false }
            user.mfa.softwareToken = sealed
            user.mfa.associatedSoftwareToken = nil
            user.mfa.lastSoftwareTokenStep = step
            user.mfa.set(.softwareTokenMfa, enabled: true)
            return true
        }
        guard verified else {
            throw AWSServiceError(type: "EnableSoftwareTokenMFAException", message: "Code mismatch and fail enable Software Token MFA",
                                  status: 400)
        }
        return VerifySoftwareTokenResponse(status: .success, session: try await nextSession(after: caller))
    }

    /// Whether the pool has software token MFA turned on.
    func poolOffersSoftwareTokens(_ pool: UserPoolType) async throws -> Bool {
        guard let id = pool.id, let record = try await storage.userPool(id: id) else { return false }
        return try pools.decoded(record).stored.softwareTokenMfaEnabled
    }
}
