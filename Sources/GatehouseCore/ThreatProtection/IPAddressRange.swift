import Foundation

/// An IPv4 or IPv6 address range in CIDR notation (`a.b.c.d/n`, n 0–32, or an IPv6 address with
/// `/n`, n 0–128), as a risk configuration's BlockedIPRangeList and SkippedIPRangeList hold them.
public struct IPAddressRange: Sendable, Equatable {
    /// The network's address bytes: 4 or 16.
    let network: [UInt8]
    let prefixLength: Int

    /// `nil` for text that is not a range in CIDR notation. An IPv4-mapped range (`::ffff:192.0.2.0/120`)
    /// is its IPv4 range, and needs a prefix of 96 bits or more.
    public init?(cidr text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty, parts[1].allSatisfy(\.isASCII), parts[1].allSatisfy(\.isNumber),
              var bits = Int(parts[1]), let address = Self.bytes(of: String(parts[0])) else { return nil }
        if address.count == 4, parts[0].contains(":") { bits -= 96 }
        guard (0...address.count * 8).contains(bits) else { return nil }
        network = address
        prefixLength = bits
    }

    /// Whether `address` (IPv4 or IPv6 text) is in the range; an address of the other family or
    /// not an address is not.
    public func contains(_ address: String) -> Bool {
        guard let bytes = Self.bytes(of: address), bytes.count == network.count else { return false }
        var remaining = prefixLength
        for (index, byte) in bytes.enumerated() where remaining > 0 {
            let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
            if byte & mask != network[index] & mask { return false }
            remaining -= 8
        }
        return true
    }

    /// Whether `text` is an IPv4 or IPv6 address.
    public static func isAddress(_ text: String) -> Bool {
        bytes(of: text) != nil
    }

    /// The 4 bytes of an IPv4 address, or the 16 of an IPv6 one; an IPv4-mapped IPv6 address
    /// (`::ffff:192.0.2.1`, as a dual-stack socket shows an IPv4 peer) is its IPv4 address.
    static func bytes(of text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        return bytes.prefix(12) == Self.v4MappedPrefix[...] ? Array(bytes.suffix(4)) : bytes
    }

    /// The first 12 bytes of every IPv4-mapped IPv6 address (`::ffff:0:0/96`).
    static let v4MappedPrefix: [UInt8] = Array(repeating: 0, count: 10) + [0xFF, 0xFF]
}
