import AWSWire
import CognitoModel
import GatehouseCore

extension MFAFeature {
    /// Gives the caller a new software token secret (32 random bytes), kept sealed until
    /// VerifySoftwareToken confirms it; an earlier unconfirmed one is replaced.
    /// - Throws: `SoftwareTokenMFANotFoundException` when the pool does not offer software tokens.
    func associateSoftwareToken(_ input: AssociateSoftwareTokenRequest, context: CallContext) async throws -> AssociateSoftwareTokenResponse {
        let caller = try await softwareTokenCaller(accessToken: input.accessToken, session: input.session)
        guard caller.pool.mfa.offersSoftwareTokens else {
            throw AWSServiceError.softwareTokenMFANotFoundException("Software Token MFA has not been enabled by the userPool.")
        }
        let secret = random.bytes(32)
        let sealed = try await seal.value().seal(secret, context: UserMfaSettings.softwareTokenContext(caller.record.sub), random: random)
        try await users.update(named: caller.record.key, in: caller.pool) { user, _ in user.mfa.associatedSoftwareToken = sealed }
        return AssociateSoftwareTokenResponse(secretCode: TOTP.base32(secret), session: try await nextSession(after: caller))
    }
}
