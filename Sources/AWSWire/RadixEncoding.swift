/// `bytes` written `bitsPerSymbol` bits at a time, most significant first, each group as its symbol
/// in `alphabet` (2^bitsPerSymbol ASCII characters); the last group is padded with zero bits and
/// no padding characters follow: base64 (6 bits) and base32 (5 bits) of RFC 4648 without `=`, and
/// hex (4 bits), which needs no padding. Inlinable, so that each caller gets it specialized for
/// its collection: unspecialized, it read a `Data` through its generic iterator byte by byte.
@inlinable
public func radixEncoded(_ bytes: some Sequence<UInt8>, alphabet: StaticString, bitsPerSymbol: Int) -> String {
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

/// `bytes` as lowercase hex, two digits each.
@inlinable
public func hexEncoded(_ bytes: some Sequence<UInt8>) -> String {
    radixEncoded(bytes, alphabet: "0123456789abcdef", bitsPerSymbol: 4)
}
