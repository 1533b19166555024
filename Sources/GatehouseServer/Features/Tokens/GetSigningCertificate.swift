import CognitoModel
import GatehouseCore

extension TokensFeature {
    /// The pool's signing certificate: self-signed, of the key that signs its ID tokens, valid for
    /// 10 years from when that key was made (docs/compatibility.md).
    func getSigningCertificate(_ input: GetSigningCertificateRequest, context: CallContext) async throws -> GetSigningCertificateResponse {
        let pool = try await directory.pool(try input.userPoolId.required, context: context)
        let issuer = try await tokens.issuer(for: pool.id)
        let made = try await tokens.signingKeysCreationDate(for: pool.id)
        return GetSigningCertificateResponse(
            certificate: try issuer.keys.idToken.certificate(commonName: "cognito-idp.\(pool.region).amazonaws.com/\(pool.id)",
                                                             notBefore: made ?? clock.now()))
    }
}
