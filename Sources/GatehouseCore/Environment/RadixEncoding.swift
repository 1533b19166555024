import Foundation

extension Data {
    /// Base64 with the URL-safe alphabet (`-`, `_`) and no padding (RFC 4648 §5).
    var base64URLEncoded: String {
        radixEncoded(self, alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", bitsPerSymbol: 6)
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

/// `bytes` written `bitsPerSymbol` bits at a time, most significant first, each group as its symbol
/// in `alphabet` (2^bitsPerSymbol ASCII characters); the last group is padded with zero bits and
/// no padding characters follow: base64 (6 bits) and base32 (5 bits) of RFC 4648 without `=`.
func radixEncoded(_ bytes: some Sequence<UInt8>, alphabet: StaticString, bitsPerSymbol: Int) -> String {
    let mask = UInt32(1 << bitsPerSymbol - 1)
    var text: [UInt8] = []
    text.reserveCapacity(bytes.underestimatedCount * 8 / bitsPerSymbol + 1)
    var bits: UInt32 = 0
    var bitCount = 0
    for byte in bytes {
        bits = bits << 8 | UInt32(byte)
        bitCount += 8
        while bitCount >= bitsPerSymbol {
            bitCount -= bitsPerSymbol
            text.append(alphabet.utf8Start[Int(bits >> UInt32(bitCount) & mask)])
        }
    }
    if bitCount > 0 { text.append(alphabet.utf8Start[Int(bits << UInt32(bitsPerSymbol - bitCount) & mask)]) }
    return String(decoding: text, as: UTF8.self)
}
