import Foundation
import GatehouseStorage

/// The `origin_jti` of a sign-in: shared by every ID, access and refresh token that sign-in and its
/// refreshes issue. A version-7 UUID, so it carries the sign-in's time in milliseconds: a global
/// sign-out revokes every token whose sign-in came before it, to the millisecond, where the
/// tokens' `iat` has only seconds (docs/compatibility.md).
public enum SignInSessionID {
    /// A new id for a sign-in at `now`.
    public static func make(at now: Date, random: RandomSource) -> String {
        var bytes = random.bytes(16)
        let milliseconds = UInt64(max(0, now.millisecondsSince1970))
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index))) }
        bytes[6] = bytes[6] & 0x0F | 0x70
        bytes[8] = bytes[8] & 0x3F | 0x80
        return RandomSource.uuidText(bytes)
    }

    /// The time of the sign-in whose id is `id`, in milliseconds since 1970; `nil` when `id` is not
    /// a version-7 UUID.
    public static func milliseconds(of id: String) -> Int64? {
        let hex = id.replacingOccurrences(of: "-", with: "")
        guard hex.count == 32, Array(hex.utf8)[12] == UInt8(ascii: "7") else { return nil }
        return Int64(hex.prefix(12), radix: 16)
    }
}
