import Crypto
import Foundation

/// Passwords known from breaches: zxcvbn's list of the 30,000 most common passwords of leaked
/// password dumps (docs/compatibility.md § Threat protection), kept as the first 8 bytes of the
/// SHA-256 of each (``digestsBase64``, generated). The list is lower-cased, so a password matches
/// whatever its letters' case: `P@ssw0rd` is `p@ssw0rd`.
public enum CompromisedPasswords {
    /// Whether `password`, lower-cased, is on the list. Hashes it and searches; keeps nothing.
    public static func contains(_ password: String) -> Bool {
        let digest = SHA256.hash(data: Data(password.lowercased().utf8))
        let key = digest.withUnsafeBytes { bytes in bytes.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
        var low = 0, high = digests.count
        while low < high {
            let middle = (low + high) / 2
            if digests[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low < digests.count && digests[low] == key
    }

    /// The digests as big-endian integers, in ascending order; decoded on first use.
    static let digests: [UInt64] = {
        let bytes = [UInt8](Data(base64Encoded: digestsBase64, options: .ignoreUnknownCharacters) ?? Data())
        return stride(from: 0, to: bytes.count - 7, by: 8).map { start in
            bytes[start..<start + 8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        }
    }()
}
