import COpenSSL
import Crypto
import Foundation

/// An RSA private key in OpenSSL's libcrypto, which makes RS256 signatures (RSASSA-PKCS1-v1_5
/// with SHA-256). swift-crypto keeps making, storing and publishing the keys; OpenSSL only signs,
/// because its RSA is the faster on the machines Gatehouse runs on (SignInFloorBench times both
/// against `openssl speed`). OpenSSL keys are not changed by signing, so any number of threads
/// may sign with one at once, each through a context of its own.
final class RSASigner: @unchecked Sendable {
    private let key: OpaquePointer

    /// The key from its DER bytes, PKCS #1 or PKCS #8; `nil` if they are not an RSA private key.
    init?(derRepresentation: Data) {
        let key = derRepresentation.withUnsafeBytes { bytes -> OpaquePointer? in
            guard let base = bytes.bindMemory(to: UInt8.self).baseAddress else { return nil }
            var cursor: UnsafePointer<UInt8>? = base
            return d2i_AutoPrivateKey(nil, &cursor, bytes.count)
        }
        guard let key, EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA else {
            EVP_PKEY_free(key)
            return nil
        }
        self.key = key
    }

    deinit {
        EVP_PKEY_free(key)
    }

    /// The RS256 signature of `message`.
    func sign(_ message: [UInt8]) -> [UInt8] {
        let digest = Array(SHA256.hash(data: message))
        guard let context = EVP_PKEY_CTX_new(key, nil) else { preconditionFailure("OpenSSL could not make a signing context") }
        defer { EVP_PKEY_CTX_free(context) }
        var signature = [UInt8](repeating: 0, count: Int(EVP_PKEY_get_size(key)))
        var length = signature.count
        guard EVP_PKEY_sign_init(context) == 1, EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PADDING) == 1,
              EVP_PKEY_CTX_set_signature_md(context, EVP_sha256()) == 1,
              EVP_PKEY_sign(context, &signature, &length, digest, digest.count) == 1 else {
            preconditionFailure("OpenSSL could not sign")
        }
        return Array(signature.prefix(length))
    }
}
