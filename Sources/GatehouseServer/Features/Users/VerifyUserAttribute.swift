import AWSWire
import CognitoModel
import GatehouseCore

extension UsersFeature {
    /// Verifies the signed-in user's email or phone number with the code sent to it; a new value
    /// that waited for this code replaces the old one.
    func verifyUserAttribute(_ input: VerifyUserAttributeRequest, context: CallContext) async throws -> VerifyUserAttributeResponse {
        let caller = try await accessTokens.caller(try input.accessToken.required)
        let name = try input.attributeName.required
        let code = try input.code.required
        let keys = try await codes.verificationCodes()
        let now = clock.now()
        let (_, _, check) = try await users.update(named: caller.record.key, in: caller.pool) { user, record -> StoredUser.CodeCheck in
            guard user.codes.first(where: { $0.purpose == .attributeVerification })?.attributeName == name else { return .mismatched }
            let check = user.checkCode(code, purpose: .attributeVerification, sub: record.sub, now: now, codes: keys)
            if check == .matched, let pending = user.pendingAttributes.first(where: { $0.name == name }), let value = pending.value {
                user.setAttribute(name, value)
                user.pendingAttributes.removeAll { $0.name == name }
            }
            return check
        }
        if let error = CodeIssuer.error(check) { throw error }
        return VerifyUserAttributeResponse()
    }
}
