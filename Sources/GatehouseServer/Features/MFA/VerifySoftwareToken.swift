import AWSWire
import CognitoModel
import GatehouseCore

extension MFAFeature {
    /// Confirms the associated software token with a code from it: it becomes the user's token
    /// and SOFTWARE_TOKEN_MFA is turned on. A wrong code leaves an MFA_SETUP session usable for
    /// another try.
    /// - Throws: `EnableSoftwareTokenMFAException` "Code mismatch and fail enable Software Token MFA".
    func verifySoftwareToken(_ input: VerifySoftwareTokenRequest, context: CallContext) async throws -> VerifySoftwareTokenResponse {
        let code = try input.userCode.required
        let caller = try await softwareTokenCaller(accessToken: input.accessToken, session: input.session)
        let seal = try await seal.value()
        let now = clock.now()
        let (_, _, verified) = try await users.update(named: caller.record.key, in: caller.pool) { user, record -> Bool in
            guard let sealed = user.mfa.associatedSoftwareToken,
                  let secret = seal.open(sealed, context: UserMfaSettings.softwareTokenContext(record.sub)),
                  let step = TOTP.matchingStep(code, secret: Array(secret), now: now) else { return false }
            user.mfa.softwareToken = sealed
            user.mfa.associatedSoftwareToken = nil
            user.mfa.lastSoftwareTokenStep = step
            user.mfa.set(.softwareTokenMfa, enabled: true)
            return true
        }
        guard verified else {
            throw AWSServiceError.enableSoftwareTokenMFAException("Code mismatch and fail enable Software Token MFA")
        }
        return VerifySoftwareTokenResponse(status: .success, session: try await nextSession(after: caller))
    }
}
