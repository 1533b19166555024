import Foundation

/// An IPv4 or IPv6 address range in CIDR notation (`a.b.c.d/n`, n 0–32, or an IPv6 address with
/// `/n`, n 0–128), as a risk configuration's BlockedIPRangeList and SkippedIPRangeList hold them.
public struct IPAddressRange: Sendable, Equatable {
    /// The network's address bytes: 4 or 16.
    let network: [UInt8]
    let prefixLength: Int

    /// `nil` for text that is not a range in CIDR notation.
    public init?(cidr text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty, parts[1].allSatisfy(\.isASCII), parts[1].allSatisfy(\.isNumber),
              let bits = Int(parts[1]), let address = Self.bytes(of: String(parts[0])), bits <= address.count * 8 else { return nil }
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

    /// The 4 bytes of an IPv4 address, or the 16 of an IPv6 one.
    static func bytes(of text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }
}
