import AWSWire
import Crypto
import Foundation
import _CryptoExtras

/// One RSA key that signs a pool's tokens with RS256: a pool has one for ID tokens and another for
/// access tokens, so the two kinds carry different `kid`s, as Cognito's do.
public struct TokenSigningKey: Sendable, JSONEncodable {
    /// The key id in the JWT header and the JWKS: base64 of the SHA-256 of the public key's DER,
    /// 44 characters like Cognito's.
    public let keyID: String
    let privateKey: _RSA.Signing.PrivateKey
    /// The same key in OpenSSL, which signs.
    private let signer: RSASigner

    /// A new 2048-bit key. Slow (about 86 ms of CPU on a 2-core machine here): a pool gets its keys
    /// once (``PoolSigningKeys``), when it first needs them.
    public static func generate() -> TokenSigningKey {
        do {
            return TokenSigningKey(privateKey: try _RSA.Signing.PrivateKey(keySize: .bits2048))
        } catch {
            preconditionFailure("RSA key generation failed: \(error)")
        }
    }

    init(privateKey: _RSA.Signing.PrivateKey) {
        self.privateKey = privateKey
        guard let signer = RSASigner(derRepresentation: privateKey.derRepresentation) else {
            preconditionFailure("OpenSSL refused an RSA key swift-crypto holds")
        }
        self.signer = signer
        keyID = Data(SHA256.hash(data: privateKey.publicKey.derRepresentation)).base64EncodedString()
    }

    /// The key from its PKCS #8 DER bytes (``derRepresentation``); `nil` if they are not an RSA key.
    init?(derRepresentation: Data) {
        guard let key = try? _RSA.Signing.PrivateKey(derRepresentation: derRepresentation) else { return nil }
        self.init(privateKey: key)
    }

    var derRepresentation: Data { privateKey.derRepresentation }

    /// The RS256 signature (RSASSA-PKCS1-v1_5 with SHA-256) of `message`.
    public func sign(_ message: [UInt8]) -> Data {
        Data(signer.sign(message))
    }

    /// Whether `signature` is this key's RS256 signature of `message`.
    func isValidSignature(_ signature: Data, for message: [UInt8]) -> Bool {
        privateKey.publicKey.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature), for: message,
                                              padding: .insecurePKCS1v1_5)
    }

    /// Writes the public key as a JSON Web Key, members in the order of Cognito's JWKS.
    public func writeJSON(to writer: inout JSONWriter) {
        // A key made by swift-crypto always has its primitives.
        let primitives = try! privateKey.publicKey.getKeyPrimitives()
        writer.beginObject()
        writer.member("alg", "RS256")
        writer.member("e", primitives.publicExponent.base64URLEncoded)
        writer.member("kid", keyID)
        writer.member("kty", "RSA")
        writer.member("n", primitives.modulus.base64URLEncoded)
        writer.member("use", "sig")
        writer.endObject()
    }

    /// The public key as an X.509 SubjectPublicKeyInfo in PEM.
    public var publicKeyPEM: String { privateKey.publicKey.pemRepresentation }
}
