import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

extension Gatehouse {
    /// The pool's signing certificate: self-signed, of the key that signs its ID tokens, valid for
    /// 10 years from when that key was made (docs/compatibility.md).
    func getSigningCertificate(_ input: GetSigningCertificateRequest, context: CallContext) async throws -> GetSigningCertificateResponse {
        let poolID = try input.userPoolId.required
        _ = try await userPoolRecord(poolID, context: context)
        let issuer = try await tokenIssuer(for: poolID)
        let made = try await storage.userPoolItem(userPoolID: poolID, kind: .signingKeys, key: SigningKeyCache.recordKey)?.creationDate
        return GetSigningCertificateResponse(
            certificate: try issuer.keys.idToken.certificate(commonName: "cognito-idp.\(context.region).amazonaws.com/\(poolID)",
                                                             notBefore: made ?? clock.now()))
    }
}
