import AWSWire
import Crypto
import Foundation

/// The server half of Cognito's SRP-6a (USER_SRP_AUTH), as amazon-cognito-identity-js and pycognito
/// compute the client half: the 3072-bit group with g = 2, k = H(pad(N) ‖ pad(g)),
/// u = H(pad(A) ‖ pad(B)), the session key taken from S by HKDF-SHA-256 with salt pad(u) and info
/// "Caldera Derived Key", and a password claim that is an HMAC of pool name, user id for SRP, secret
/// block and timestamp under that key. A remembered device signs in the same way
/// (DEVICE_SRP_AUTH) with the verifier its client made at ConfirmDevice. pad(n) is n's big-endian bytes without leading zeros, with a
/// zero byte in front when the top bit is set: the hex "padding" of those clients.
public enum SRPServer {
    /// What the server answers to the client's A.
    public struct Exchange: Sendable {
        /// B, as the SRP_B challenge parameter shows it: lowercase hex without leading zeros.
        public let serverPublicHex: String
        /// The 16-byte key the client derives too if it knows the password.
        public let sessionKey: [UInt8]
    }

    /// k = H(pad(N) ‖ pad(g)).
    static let multiplier = GMPInteger(bigEndian: Array(SHA256.hash(data: padded(SRPGroup.prime) + [2])))

    /// B = k·v + g^b with a fresh b, and the session key for the client's A.
    /// - Returns: `nil` when `clientPublicHex` is not hex or A mod N is 0 (SRP's check on A).
    public static func exchange(clientPublicHex: String, verifier: PasswordVerifier, random: RandomSource) -> Exchange? {
        guard let clientBytes = bytes(hex: clientPublicHex) else { return nil }
        let clientPublic = GMPInteger(bigEndian: clientBytes).remainder(modulo: SRPGroup.modulus)
        guard !clientPublic.isZero else { return nil }
        let v = GMPInteger(bigEndian: verifier.verifier)
        while true {
            let b = random.bytes(32)
            let gb = GMPInteger(bigEndian: SRPGroup.generatorPower(b))
            let serverPublic = multiplier.multiplied(by: v, modulo: SRPGroup.modulus).adding(gb, modulo: SRPGroup.modulus)
            let u = GMPInteger(bigEndian: Array(SHA256.hash(data: padded(clientPublic.minimalBigEndian) + padded(serverPublic.minimalBigEndian))))
            guard !serverPublic.isZero, !u.isZero else { continue }  // a chance of 2^-256: draw b again
            // S = (A · v^u)^b; u is public (both sides hash it from A and B), b is the secret.
            let s = clientPublic.multiplied(by: v.publicPower(u, modulo: SRPGroup.modulus), modulo: SRPGroup.modulus)
                .power(GMPInteger(bigEndian: b), modulo: SRPGroup.modulus)
            let prk = HMAC<SHA256>.authenticationCode(for: padded(s.minimalBigEndian), using: SymmetricKey(data: padded(u.minimalBigEndian)))
            let okm = HMAC<SHA256>.authenticationCode(for: Array("Caldera Derived Key".utf8) + [1], using: SymmetricKey(data: Data(prk)))
            return Exchange(serverPublicHex: hex(serverPublic.minimalBigEndian), sessionKey: Array(Data(okm).prefix(16)))
        }
    }

    /// The PASSWORD_CLAIM_SIGNATURE a client that knows the password sends.
    /// - Parameter userPoolID: the pool's id; its part after the underscore is the pool name signed.
    public static func passwordClaimSignature(sessionKey: [UInt8], userPoolID: String, userIDForSRP: String,
                                              secretBlock: Data, timestamp: String) -> Data {
        let poolName = userPoolID.split(separator: "_", maxSplits: 1).last.map(String.init) ?? userPoolID
        return claimSignature(sessionKey: sessionKey, realm: poolName, identity: userIDForSRP, secretBlock: secretBlock, timestamp: timestamp)
    }

    /// The PASSWORD_CLAIM_SIGNATURE of DEVICE_PASSWORD_VERIFIER: the same HMAC with the device
    /// group key in the pool name's place and the device key in the user's.
    public static func deviceClaimSignature(sessionKey: [UInt8], deviceGroupKey: String, deviceKey: String,
                                            secretBlock: Data, timestamp: String) -> Data {
        claimSignature(sessionKey: sessionKey, realm: deviceGroupKey, identity: deviceKey, secretBlock: secretBlock, timestamp: timestamp)
    }

    private static func claimSignature(sessionKey: [UInt8], realm: String, identity: String, secretBlock: Data, timestamp: String) -> Data {
        var hmac = HMAC<SHA256>(key: SymmetricKey(data: sessionKey))
        hmac.update(data: Array(realm.utf8))
        hmac.update(data: Array(identity.utf8))
        hmac.update(data: secretBlock)
        hmac.update(data: Array(timestamp.utf8))
        return Data(hmac.finalize())
    }

    /// pad(n) for n's minimal big-endian bytes.
    static func padded(_ bytes: [UInt8]) -> [UInt8] {
        if let first = bytes.first, first >= 0x80 { return [0] + bytes }
        return bytes
    }

    /// Lowercase hex without a leading zero digit, as those clients write numbers.
    public static func hex(_ bytes: [UInt8]) -> String {
        let text = hexEncoded(bytes)
        return text.hasPrefix("0") ? String(text.dropFirst()) : text
    }

    /// The bytes of a hex number (odd lengths allowed); `nil` for anything else or for more than
    /// twice N's length.
    static func bytes(hex: String) -> [UInt8]? {
        var digits = Array(hex.utf8)
        guard !digits.isEmpty, digits.count <= 4 * SRPGroup.byteCount else { return nil }
        if digits.count % 2 == 1 { digits.insert(UInt8(ascii: "0"), at: 0) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
