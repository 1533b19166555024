import AWSWire
import Crypto
import Foundation

/// Turns a store's page cursor into the opaque `NextToken` clients see, and back. Tokens are
/// HMAC-sealed with a server-wide key and bound to the list they came from, so a client can neither
/// forge nor reuse one elsewhere. Every process sharing a database shares the key.
public struct PageTokens: Sendable {
    /// An HMAC keyed once; each token's MAC continues a copy of it. Never mutated, so safe to
    /// share; swift-crypto does not mark it Sendable.
    private nonisolated(unsafe) let keyed: HMAC<SHA256>

    public init(key: Data) {
        keyed = HMAC<SHA256>(key: SymmetricKey(data: key))
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
              let tag = Data(base64URLEncoded: String(parts[1])), ConstantTime.equal(tag, mac(payload, scope: scope)),
              let cursor = String(data: payload, encoding: .utf8) else {
            throw .invalidParameterException("Invalid pagination token provided.")
        }
        return cursor
    }

    private func mac(_ payload: Data, scope: String) -> Data {
        var message = Array(scope.utf8)
        message.append(0)
        message.append(contentsOf: payload)
        var hmac = keyed
        hmac.update(data: message)
        return Data(hmac.finalize()).prefix(16)
    }
}
