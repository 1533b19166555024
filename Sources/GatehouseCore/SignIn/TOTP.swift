import AWSWire
import Crypto
import Foundation

/// Time-based one-time passwords as authenticator apps compute them (RFC 6238 over RFC 4226):
/// HMAC-SHA-1 of the 30-second time step, six digits; secrets shown in base32 (RFC 4648).
public enum TOTP {
    public static let period: TimeInterval = 30

    /// The time step `date` falls in.
    public static func step(at date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / period).rounded(.down))
    }

    /// The six-digit code of `secret` for time step `step`.
    public static func code(secret: [UInt8], step: Int64) -> String {
        let counter = withUnsafeBytes(of: UInt64(bitPattern: step).bigEndian, Array.init)
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: counter, using: SymmetricKey(data: secret)))
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let number = (UInt32(mac[offset] & 0x7F) << 24 | UInt32(mac[offset + 1]) << 16 | UInt32(mac[offset + 2]) << 8
            | UInt32(mac[offset + 3])) % 1_000_000
        let digits = String(number)
        return String(repeating: "0", count: 6 - digits.count) + digits
    }

    /// The time step, within one step of `now` either way (clock drift), whose code is `code`;
    /// `nil` when none is.
    public static func matchingStep(_ code: String, secret: [UInt8], now: Date) -> Int64? {
        let current = step(at: now)
        return [current, current - 1, current + 1].first { candidate in
            ConstantTime.matches(code, Self.code(secret: secret, step: candidate))
        }
    }

    /// `bytes` in base32 without padding.
    public static func base32(_ bytes: [UInt8]) -> String {
        radixEncoded(bytes, alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", bitsPerSymbol: 5)
    }
}
