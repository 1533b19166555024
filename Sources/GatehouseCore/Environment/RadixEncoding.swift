import AWSWire
import Foundation

extension Data {
    /// Base64 with the URL-safe alphabet (`-`, `_`) and no padding (RFC 4648 §5). Read through a
    /// buffer: `Data`'s own iterator is a call per byte.
    var base64URLEncoded: String {
        withUnsafeBytes { radixEncoded($0, alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", bitsPerSymbol: 6) }
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
