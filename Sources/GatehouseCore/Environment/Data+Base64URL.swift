import Foundation

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
