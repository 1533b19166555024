import AWSWire
import Foundation

/// A JWT in compact form, RS256 as Cognito signs its ID and access tokens: header
/// `{"kid":…,"alg":"RS256"}`, the claims, the signature, each base64url without padding.
public struct JSONWebToken: Sendable {
    /// The `kid` of the header.
    public let keyID: String
    /// The claims, as parsed; trust them only after ``isSigned(by:)``.
    public let claims: JSONNode
    private let signingInput: [UInt8]
    private let signature: Data

    /// The token `claims` (a JSON object) makes, signed with `key`.
    public static func sign(claims: [UInt8], with key: TokenSigningKey) -> String {
        var header = JSONWriter(capacity: 80)
        header.beginObject()
        header.member("kid", key.keyID)
        header.member("alg", "RS256")
        header.endObject()
        let signingInput = Data(header.bytes).base64URLEncoded + "." + Data(claims).base64URLEncoded
        return signingInput + "." + key.sign(Array(signingInput.utf8)).base64URLEncoded
    }

    /// Parses a token without checking its signature; `nil` when it is not an RS256 JWT whose claims
    /// are a JSON object.
    public init?(parsing token: String) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
              let headerBytes = Data(base64URLEncoded: String(parts[0])),
              let header = try? JSONNode(parsing: [UInt8](headerBytes)),
              header["alg"]?.string == "RS256", let keyID = header["kid"]?.string,
              let claimBytes = Data(base64URLEncoded: String(parts[1])),
              let claims = try? JSONNode(parsing: [UInt8](claimBytes)), claims.pairs != nil,
              let signature = Data(base64URLEncoded: String(parts[2])) else { return nil }
        self.keyID = keyID
        self.claims = claims
        signingInput = Array(token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        self.signature = signature
    }

    /// Whether `key` signed this token (and its header names it).
    public func isSigned(by key: TokenSigningKey) -> Bool {
        keyID == key.keyID && key.isValidSignature(signature, for: signingInput)
    }
}
