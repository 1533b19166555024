import AWSWire
import Crypto
import Foundation

/// Turns a store's page cursor into the opaque `NextToken` clients see, and back. Tokens are
/// HMAC-sealed with a server-wide key and bound to the list they came from, so a client can neither
/// forge nor reuse one elsewhere. Every process sharing a database shares the key.
public struct PageTokens: Sendable {
    private let key: Data

    public init(key: Data) {
        self.key = key
    }

    /// The token for `cursor` in the list named by `scope` (e.g. `ListUserPools/us-east-1`).
    public func seal(_ cursor: String, scope: String) -> String {
        let payload = Data(cursor.utf8)
        return payload.base64URLEncoded + "." + mac(payload, scope: scope).base64URLEncoded
    }

    /// The cursor inside `token`.
    /// - Throws: `InvalidParameterException` when the token was not sealed by this server for `scope`.
    public func open(_ token: String, scope: String) throws(AWSServiceError) -> String {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = Data(base64URLEncoded: String(parts[0])),
              let tag = Data(base64URLEncoded: String(parts[1])), tag == mac(payload, scope: scope),
              let cursor = String(data: payload, encoding: .utf8) else {
            throw .invalidParameterException("Invalid pagination token provided.")
        }
        return cursor
    }

    private func mac(_ payload: Data, scope: String) -> Data {
        var hmac = HMAC<SHA256>(key: SymmetricKey(data: key))
        hmac.update(data: Data(scope.utf8))
        hmac.update(data: [0])
        hmac.update(data: payload)
        return Data(hmac.finalize()).prefix(16)
    }
}

extension Data {
    var base64URLEncoded: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    init?(base64URLEncoded text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }
}
