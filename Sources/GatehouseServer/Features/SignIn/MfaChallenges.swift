import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage

extension SignInFeature {
    static let wrongMfaCode = AWSServiceError.codeMismatchException("Invalid code or auth state for the user.")

    /// Sends the code of SMS_MFA or EMAIL_OTP, kept as the user's pending sign-in code. The message
    /// is made (by the pool's CustomMessage function, if any) before the code is stored. Over the
    /// sign-in codes' ``PendingCode/Purpose/issueLimit``, the sign-in is refused with
    /// TooManyRequestsException "Rate exceeded", the only limit error the sign-in operations declare.
    /// - Parameters:
    ///   - client: the app client signing in.
    ///   - metadata: the ClientMetadata of a challenge answer, for CustomMessage.
    /// - Returns: the challenge's CODE_DELIVERY_ parameters.
    func sendSignInCode(_ challenge: ChallengeNameType, record: UserRecord, client: AppClient,
                        metadata: [String: String]?) async throws -> [String: String] {
        let pool = client.pool
        let attribute = challenge == .smsMfa ? "phone_number" : "email"
        let code = codes.newCode()
        let keys = try await codes.verificationCodes()
        let now = clock.now()
        let current = try StoredUser(record: record)
        guard let address = current.attribute(attribute) else { throw AWSServiceError.invalidParameterException("The user has no \(attribute).") }
        var destination = CodeDestination(attributeName: attribute, address: address)
        var message = try await messenger.authenticationCode(code, to: destination, username: current.username, pool: pool, trigger: "SignIn",
                                                             about: .init(source: .authentication, user: current, clientID: client.id,
                                                                          clientMetadata: metadata))
        let (_, user, stored) = try await users.update(named: record.key, in: pool) { user, record -> String in
            guard let address = user.attribute(attribute) else { throw AWSServiceError.invalidParameterException("The user has no \(attribute).") }
            do {
                try user.issueCode(code, .signIn, to: attribute, sub: record.sub, now: now, codes: keys)
            } catch {
                throw RequestQuotas.exceeded
            }
            return address
        }
        if stored != address {  // another call changed the address in between
            destination = CodeDestination(attributeName: attribute, address: stored)
            message = try await messenger.authenticationCode(code, to: destination, username: user.username, pool: pool, trigger: "SignIn",
                                                             about: .init(source: .authentication, user: user, clientID: client.id,
                                                                          clientMetadata: metadata))
        }
        await messenger.deliver(message, pool: pool)
        let details = destination.details
        return ["CODE_DELIVERY_DELIVERY_MEDIUM": details.deliveryMedium?.rawValue ?? "", "CODE_DELIVERY_DESTINATION": details.destination ?? ""]
    }

    /// The answer to SMS_MFA, EMAIL_OTP or SOFTWARE_TOKEN_MFA. Wrong codes count towards the user's
    /// lockout, as wrong passwords do (DG, user-pool-settings-mfa), decided and counted in the update
    /// that checks the code: while locked out an answer is refused unchecked. A wrong code leaves the
    /// session usable for another try, as Cognito's (docs/evidence/sign-in.md), up to
    /// ``SignInFailures/failuresPerSession``; the right one uses it up. An SMS or email code stops
    /// matching after 5 wrong tries (the limit of every code, docs/compatibility.md).
    func answerMfaCode(_ challenge: ChallengeNameType, responses: [String: String]?, session text: String?,
                       client: AppClient, metadata: [String: String]?) async throws -> SignInOutcome {
        let session = try await sessions.open(text, for: challenge, client: client)
        _ = try Self.signedUsername(responses, client: client)
        let code = try Self.parameter("\(challenge.rawValue)_CODE", in: responses)
        let now = clock.now()
        let keys = try await codes.verificationCodes()
        let tokenKey = try await seal.value()
        let (record, user, error) = try await updateUser(of: session, in: client.pool, touching: false) { user, record -> AWSServiceError? in
            if user.signInFailures.lockedUntil(now: now) != nil { throw SignInRefusal.passwordAttemptsExceeded.error }
            let error = Self.checkMfaCode(code, challenge, of: &user, sub: record.sub, now: now, codes: keys, tokenKey: tokenKey)
            if error == Self.wrongMfaCode {
                user.signInFailures.record(at: now, session: session.id)
            } else if error == nil {
                user.signInFailures.clear()
            }
            return error
        }
        if let error {
            if user.signInFailures.hasEnded(session: session.id) { try await sessions.consume(session) }
            throw error
        }
        try await sessions.consume(session)
        return try await proceed(after: .mfaPassed, progress: session.progress, record: record, user: user, client: client,
                                 metadata: metadata, authTime: session.authTime ?? now)
    }

    /// Checks an MFA code against the user's pending sign-in code or software token (the step a
    /// TOTP code used is kept, so that no code serves twice).
    /// - Returns: the error for a code that does not match; `nil` when it does.
    private static func checkMfaCode(_ code: String, _ challenge: ChallengeNameType, of user: inout StoredUser, sub: String, now: Date,
                                     codes: VerificationCodes, tokenKey: SealingKey) -> AWSServiceError? {
        guard challenge == .softwareTokenMfa else {
            return user.checkCode(code, purpose: .signIn, sub: sub, now: now, codes: codes) == .matched ? nil : wrongMfaCode
        }
        guard let sealed = user.mfa.softwareToken,
              let secret = tokenKey.open(sealed, context: UserMfaSettings.softwareTokenContext(sub)),
              let step = TOTP.matchingStep(code, secret: Array(secret), now: now) else { return wrongMfaCode }
        if let last = user.mfa.lastSoftwareTokenStep, step <= last {
            return .expiredCodeException("Your software token has already been used once.")
        }
        user.mfa.lastSoftwareTokenStep = step
        return nil
    }

    /// The answer to SELECT_MFA_TYPE: ANSWER names one of the factors offered.
    func answerSelectMfaType(_ responses: [String: String]?, session text: String?, client: AppClient,
                             metadata: [String: String]?) async throws -> SignInOutcome {
        let session = try await sessions.open(text, for: .selectMfaType, client: client)
        _ = try Self.signedUsername(responses, client: client)
        let answer = ChallengeNameType(rawValue: try Self.parameter("ANSWER", in: responses))
        let (record, user) = try await sessions.user(of: session, in: client.pool)
        guard client.pool.mfa.facts(for: user).challengeableFactors.contains(answer) else {
            throw AWSServiceError.invalidParameterException("The ANSWER \(answer.rawValue) is not an MFA type the user can choose.")
        }
        try await sessions.consume(session)
        return try await proceed(after: .factorChosen(answer), progress: session.progress, record: record, user: user, client: client,
                                 metadata: metadata, authTime: session.authTime ?? clock.now())
    }

    /// The answer to MFA_SETUP, once AssociateSoftwareToken and VerifySoftwareToken have set up a
    /// software token with the session.
    func answerMfaSetup(_ responses: [String: String]?, session text: String?, client: AppClient,
                        metadata: [String: String]?) async throws -> SignInOutcome {
        let session = try await sessions.open(text, for: .mfaSetup, client: client)
        _ = try Self.signedUsername(responses, client: client)
        let (record, user) = try await sessions.user(of: session, in: client.pool)
        guard user.mfa.softwareToken != nil else {
            throw AWSServiceError.invalidParameterException("Set up a software token with AssociateSoftwareToken and VerifySoftwareToken first.")
        }
        try await sessions.consume(session)
        return try await proceed(after: .mfaSetUp, progress: session.progress, record: record, user: user, client: client,
                                 metadata: metadata, authTime: session.authTime ?? clock.now())
    }
}
