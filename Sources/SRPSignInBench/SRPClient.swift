import Crypto
import Foundation
import GatehouseCore

/// The client half of Cognito's USER_SRP_AUTH, as pycognito and amazon-cognito-identity-js compute
/// it: A = g^a, x = H(pad(salt) ‖ H(pool name ‖ user id ‖ ":" ‖ password)), u = H(pad(A) ‖ pad(B)),
/// S = (B − k·g^x)^(a + u·x) mod N, the key from S by HKDF (salt pad(u), info "Caldera Derived
/// Key"), and the claim an HMAC of pool name, user id, secret block and timestamp. The group is
/// GatehouseCore's ``SRPGroup``; the arithmetic is OpenSSL's, not the server's GMP code.
struct SRPClient: Sendable {
    static let prime = BigNumber(bigEndian: SRPGroup.prime)
    static let generator = BigNumber(bigEndian: [2])
    /// k = H(pad(N) ‖ pad(g)).
    static let multiplier = BigNumber(bigEndian: hash(prime.padded + generator.padded))

    let poolName: String
    let password: String
    /// a, 256 random bits: the size of the server's b (pycognito draws 1,024 bits; the server
    /// accepts any A).
    let secret = BigNumber(bigEndian: (0..<32).map { _ in UInt8.random(in: 0...255) })
    /// A = g^a mod N.
    let publicValue: BigNumber

    init(userPoolID: String, password: String) {
        poolName = userPoolID.split(separator: "_", maxSplits: 1).last.map(String.init) ?? userPoolID
        self.password = password
        publicValue = Self.generator.power(secret, modulo: Self.prime)
    }

    /// The ChallengeResponses of PASSWORD_VERIFIER for its challenge parameters (SALT, SRP_B,
    /// SECRET_BLOCK, USER_ID_FOR_SRP, and USERNAME, else the name the client gave); `nil` when they
    /// are missing or not hex.
    func passwordVerifierResponses(_ challenge: [String: String], username: String, now: Date) -> [String: String]? {
        guard let salt = challenge["SALT"].flatMap(BigNumber.init(hex:)), let serverPublic = challenge["SRP_B"].flatMap(BigNumber.init(hex:)),
              let secretBlockText = challenge["SECRET_BLOCK"], let secretBlock = Self.base64Decoded(secretBlockText),
              let userID = challenge["USER_ID_FOR_SRP"] else { return nil }
        let u = BigNumber(bigEndian: Self.hash(publicValue.padded + serverPublic.padded))
        let x = BigNumber(bigEndian: Self.hash(salt.padded + Self.hash(Array("\(poolName)\(userID):\(password)".utf8))))
        let base = serverPublic.subtracting(Self.multiplier.multiplied(by: Self.generator.power(x, modulo: Self.prime), modulo: Self.prime),
                                            modulo: Self.prime)
        let s = base.power(secret.adding(u.multiplied(by: x)), modulo: Self.prime)
        let prk = HMAC<SHA256>.authenticationCode(for: s.padded, using: SymmetricKey(data: u.padded))
        let okm = HMAC<SHA256>.authenticationCode(for: Array("Caldera Derived Key".utf8) + [1], using: SymmetricKey(data: Data(prk)))
        let timestamp = Self.timestamp(now)
        var claim = HMAC<SHA256>(key: SymmetricKey(data: Data(okm).prefix(16)))
        claim.update(data: Array(poolName.utf8) + Array(userID.utf8))
        claim.update(data: secretBlock)
        claim.update(data: Array(timestamp.utf8))
        return ["USERNAME": challenge["USERNAME"] ?? username, "PASSWORD_CLAIM_SECRET_BLOCK": secretBlockText, "TIMESTAMP": timestamp,
                "PASSWORD_CLAIM_SIGNATURE": Data(claim.finalize()).base64EncodedString()]
    }

    static func hash(_ bytes: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: bytes)) }

    /// The bytes of base64 text, read as Python's `base64.b64decode` (which pycognito uses) reads
    /// it: characters outside the alphabet are skipped. moto's SECRET_BLOCK is a UUID.
    static func base64Decoded(_ text: String) -> Data? {
        var digits = text.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "/") }
        digits += String(repeating: "=", count: (4 - digits.count % 4) % 4)
        return Data(base64Encoded: digits)
    }

    /// `Tue Feb 1 03:04:05 UTC 2022`: the clients' TIMESTAMP, English names, UTC.
    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE MMM d HH:mm:ss 'UTC' yyyy"
        return formatter.string(from: date)
    }
}
