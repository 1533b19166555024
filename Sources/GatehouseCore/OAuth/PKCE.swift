import AWSWire
import Crypto
import Foundation

/// Proof Key for Code Exchange (RFC 7636), with the one method Cognito supports, S256.
public enum PKCE {
    public static let method = "S256"

    /// Whether `verifier` is the one `challenge` was made from: BASE64URL(SHA-256(verifier)),
    /// compared in constant time.
    public static func matches(verifier: String, challenge: String) -> Bool {
        ConstantTime.matches(Self.challenge(of: verifier), challenge)
    }

    /// The S256 challenge of `verifier`.
    public static func challenge(of verifier: String) -> String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64URLEncoded
    }
}
