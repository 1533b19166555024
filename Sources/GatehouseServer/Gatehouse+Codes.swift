import AWSWire
import CognitoModel
import GatehouseCore

extension Gatehouse {
    /// Cognito's error for a code that did not match (nil when it did).
    static func codeError(_ check: StoredUser.CodeCheck) -> AWSServiceError? {
        switch check {
        case .matched: nil
        case .mismatched: .codeMismatchException("Invalid verification code provided, please try again.")
        case .expired: .expiredCodeException("Invalid code provided, please request a code again.")
        case .exhausted: .limitExceededException("Attempt limit exceeded, please try after some time.")
        }
    }

    /// Gives the user named `name` a new code of `purpose`, sent to the destination `destination`
    /// picks for it, and sends it (for `signUpClientID`, see ``sendCode(_:to:username:pool:trigger:signUpClientID:)``).
    /// - Returns: where the code went, as CodeDeliveryDetails shows it.
    /// - Throws: what `destination` throws (no address to send to); `UserNotFoundException`.
    func sendNewCode(_ purpose: PendingCode.Purpose, toUserNamed name: String, in pool: UserPoolType, trigger: String,
                     signUpClientID: String? = nil,
                     destination: @escaping @Sendable (StoredUser) throws -> CodeDestination,
                     change: @escaping @Sendable (inout StoredUser) throws -> Void = { _ in }) async throws -> CodeDeliveryDetailsType {
        let code = VerificationCodes.newCode(random: random)
        let codes = try await verificationCodes.value()
        let now = clock.now()
        let (_, user, target) = try await updateUser(named: name, in: pool) { user, record in
            try change(&user)
            let target = try destination(user)
            user.issueCode(code, purpose, to: target.attributeName, sub: record.sub, now: now, codes: codes)
            return target
        }
        await sendCode(code, to: target, username: user.username, pool: pool, trigger: trigger, signUpClientID: signUpClientID)
        return target.details
    }
}
