import Foundation
import SwiftASN1
import X509
import _CryptoExtras

extension TokenSigningKey {
    /// A self-signed X.509 certificate of this key, as GetSigningCertificate returns a pool's:
    /// DER in base64, valid for 10 years from `notBefore`. Everything in it comes from the key, the
    /// subject and the date, and RSA PKCS #1 v1.5 signatures are deterministic, so the same
    /// arguments always give the same certificate.
    /// - Parameter commonName: the subject's and issuer's CN.
    public func certificate(commonName: String, notBefore: Date) throws -> String {
        let key = Certificate.PrivateKey(privateKey)
        let name = try DistinguishedName { CommonName(commonName) }
        var serial = Array(keyID.utf8.prefix(16))
        serial[0] &= 0x7F  // a positive serial number
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(bytes: serial), publicKey: key.publicKey,
            notValidBefore: notBefore, notValidAfter: notBefore.addingTimeInterval(10 * 365.25 * 86_400),
            issuer: name, subject: name, signatureAlgorithm: .sha256WithRSAEncryption,
            extensions: try Certificate.Extensions { Critical(BasicConstraints.notCertificateAuthority) }, issuerPrivateKey: key)
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return Data(serializer.serializedBytes).base64EncodedString()
    }
}
