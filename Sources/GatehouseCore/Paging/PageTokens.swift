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
              let tag = Data(base64URLEncoded: String(parts[1])), tag == mac(payload, scope: scope),
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

extension Data {
    /// Base64 with the URL-safe alphabet (`-`, `_`) and no padding (RFC 4648 §5).
    var base64URLEncoded: String {
        let alphabet: StaticString = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        var text: [UInt8] = []
        text.reserveCapacity((count * 4 + 2) / 3)
        var bits: UInt32 = 0
        var bitCount = 0
        for byte in self {
            bits = bits << 8 | UInt32(byte)
            bitCount += 8
            while bitCount >= 6 {
                bitCount -= 6
                text.append(alphabet.utf8Start[Int(bits >> UInt32(bitCount) & 0x3F)])
            }
        }
        if bitCount > 0 { text.append(alphabet.utf8Start[Int(bits << UInt32(6 - bitCount) & 0x3F)]) }
        return String(decoding: text, as: UTF8.self)
    }

    /// Decodes ``base64URLEncoded`` text; `nil` if it is not that.
    init?(base64URLEncoded text: String) {
        var base64 = text.utf8.map { byte -> UInt8 in
            switch byte {
            case UInt8(ascii: "-"): UInt8(ascii: "+")
            case UInt8(ascii: "_"): UInt8(ascii: "/")
            case UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="): 0  // not in the URL alphabet
            default: byte
            }
        }
        base64 += repeatElement(UInt8(ascii: "="), count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: Data(base64))
    }
}
