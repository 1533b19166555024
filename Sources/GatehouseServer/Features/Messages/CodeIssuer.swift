import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

/// Gives users the one-time codes that prove an address or a reset (sign-up, password reset,
/// attribute verification), keeps them with the user, and sends them.
struct CodeIssuer: Sendable {
    let users: UserDirectory
    let messenger: Messenger
    let keys: ServerKey<VerificationCodes>
    /// Where the codes "sent" to users that do not exist are counted (``issueForApp(_:toUserNamed:client:trigger:source:clientMetadata:destination:)``).
    let simulatedIssues: any SessionUseStore
    let clock: Clock
    let random: RandomSource

    /// Cognito's error for a code that did not match (nil when it did).
    /// - Parameter exhausted: the answer once the code's tries are used up: LimitExceededException
    ///   (seen on ConfirmForgotPassword), or ConfirmSignUp's TooManyFailedAttemptsException
    ///   (docs/compatibility.md § Limits).
    static func error(_ check: StoredUser.CodeCheck, exhausted: AWSServiceError = attemptLimitExceeded) -> AWSServiceError? {
        switch check {
        case .matched: nil
        case .mismatched: .codeMismatchException("Invalid verification code provided, please try again.")
        case .expired: .expiredCodeException("Invalid code provided, please request a code again.")
        case .exhausted: exhausted
        }
    }

    /// Cognito's answer to a code whose tries are used up, and to a code over
    /// ``PendingCode/Purpose/issueLimit`` where the operation declares it.
    static let attemptLimitExceeded = AWSServiceError.limitExceededException("Attempt limit exceeded, please try after some time.")

    /// ConfirmSignUp's answer to a code whose tries are used up.
    static let tooManyFailedAttempts = AWSServiceError.tooManyFailedAttemptsException("Attempt limit exceeded, please try after some time.")

    /// The server-wide key codes are kept under.
    func verificationCodes() async throws -> VerificationCodes {
        try await keys.value()
    }

    /// A fresh six-digit code.
    func newCode() -> String {
        VerificationCodes.newCode(random: random)
    }

    /// The pool's CustomMessage function's view of a code's message: why it is sent, the call's
    /// app client (`nil` for an admin operation) and ClientMetadata.
    struct MessageCall: Sendable {
        let source: CustomMessageTrigger.Source
        let clientID: String?
        let clientMetadata: [String: String]?
    }

    /// Gives the user named `name` a new code of `purpose`, sent to the destination `destination`
    /// picks for it, and sends it (for `signUpClientID`, see ``Messenger/code(_:to:username:pool:trigger:signUpClientID:about:)``).
    /// The message is made first, from the user as the change will leave it: when the pool's
    /// CustomMessage function refuses it, no code is stored.
    /// - Returns: where the code went, as CodeDeliveryDetails shows it.
    /// - Throws: what `destination` throws (no address to send to); `UserNotFoundException`; what
    ///   CustomMessage's failure answers; ``attemptLimitExceeded``.
    func issue(_ purpose: PendingCode.Purpose, toUserNamed name: String, in pool: UserPool, trigger: String, call: MessageCall,
               signUpClientID: String? = nil,
               destination: @escaping @Sendable (StoredUser) throws -> CodeDestination,
               change: @escaping @Sendable (inout StoredUser) throws -> Void = { _ in }) async throws -> CodeDeliveryDetailsType {
        let code = newCode()
        let codes = try await verificationCodes()
        let now = clock.now()
        var user = try StoredUser(record: try await users.record(named: name, in: pool))
        try change(&user)
        let planned = try destination(user)
        func message(to target: CodeDestination, for user: StoredUser) async throws -> Messenger.Prepared {
            try await messenger.code(code, to: target, username: user.username, pool: pool, trigger: trigger, signUpClientID: signUpClientID,
                                     about: .init(source: call.source, user: user, clientID: call.clientID, clientMetadata: call.clientMetadata))
        }
        var prepared = try await message(to: planned, for: user)
        let (_, stored, target) = try await users.update(named: name, in: pool) { user, record in
            try change(&user)
            let target = try destination(user)
            do {
                try user.issueCode(code, purpose, to: target.attributeName, sub: record.sub, now: now, codes: codes)
            } catch {
                throw Self.attemptLimitExceeded
            }
            return target
        }
        // Another call changed the user in between: the message goes where the stored code says.
        if target != planned { prepared = try await message(to: target, for: stored) }
        await messenger.deliver(prepared, pool: pool)
        return target.details
    }

    /// ``issue(_:toUserNamed:in:trigger:signUpClientID:destination:change:)`` for a call an app
    /// makes. For a user that does not exist it answers ``AppClient/userNotFound``, or, when the
    /// client hides users, as if the code went where a real user's would
    /// (``CodeDestination/simulated(_:name:digits:pool:)``, docs/compatibility.md), counted as a real
    /// user's code is: the 6th in an hour is refused alike.
    func issueForApp(_ purpose: PendingCode.Purpose, toUserNamed name: String, client: AppClient, trigger: String,
                     source: CustomMessageTrigger.Source, clientMetadata: [String: String]?,
                     destination: @escaping @Sendable (StoredUser) throws -> CodeDestination) async throws -> CodeDeliveryDetailsType {
        do {
            return try await issue(purpose, toUserNamed: name, in: client.pool, trigger: trigger,
                                   call: MessageCall(source: source, clientID: client.id, clientMetadata: clientMetadata),
                                   signUpClientID: purpose == .signUp ? client.id : nil, destination: destination)
        } catch let error as AWSServiceError where error == UserDirectory.userNotFound {
            guard client.hidesUsers else { throw AppClient.userNotFound }
            let codes = try await verificationCodes()
            // As the pool finds users: in a pool whose names ignore case, NOBODY is nobody.
            let key = client.pool.identity.key(name)
            try await countSimulatedIssue(purpose, name: key, userPoolID: client.pool.id, codes: codes)
            let digits = codes.simulatedPhoneDigits(name: key, userPoolID: client.pool.id)
            return try CodeDestination.simulated(purpose, name: name, digits: digits, pool: client.pool.settings).details
        }
    }

    /// Counts a code "sent" to the user `name` (its key in the pool) that does not exist: it takes
    /// the first free of the purpose's ``PendingCode/Purpose/issueLimit`` marks of that name, each
    /// held an hour, as a real user's codes are counted over the last hour. Each try of a mark is a
    /// write, which a caller without credentials causes (request quotas bound them).
    /// - Throws: ``attemptLimitExceeded`` when every mark is held.
    private func countSimulatedIssue(_ purpose: PendingCode.Purpose, name: String, userPoolID: String, codes: VerificationCodes) async throws {
        let now = clock.now()
        for slot in 0..<purpose.issueLimit {
            let mark = codes.simulatedIssueMark(purpose, name: name, userPoolID: userPoolID, slot: slot)
            if try await simulatedIssues.useSession(id: mark, expiry: now.addingTimeInterval(StoredUser.codeIssueWindow), now: now) { return }
        }
        throw Self.attemptLimitExceeded
    }
}
