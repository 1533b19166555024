import Crypto
import Foundation
import GatehouseCore

/// The client half of Cognito's USER_SRP_AUTH, as pycognito and amazon-cognito-identity-js compute
/// it: A = g^a, x = H(pad(salt) ‖ H(realm ‖ identity ‖ ":" ‖ password)), u = H(pad(A) ‖ pad(B)),
/// S = (B − k·g^x)^(a + u·x) mod N, the key from S by HKDF (salt pad(u), info "Caldera Derived
/// Key"), and the claim an HMAC of realm, identity, secret block and timestamp. For a user the
/// realm is the pool name and the identity USER_ID_FOR_SRP; for a device (DEVICE_SRP_AUTH) the
/// device group key and the device key. The group is GatehouseCore's ``SRPGroup``; the arithmetic
/// is OpenSSL's, not the server's GMP code.
struct SRPClient: Sendable {
    static let prime = BigNumber(bigEndian: SRPGroup.prime)
    static let generator = BigNumber(bigEndian: [2])
    /// k = H(pad(N) ‖ pad(g)).
    static let multiplier = BigNumber(bigEndian: hash(prime.padded + generator.padded))

    let realm: String
    let password: String
    /// a, 256 random bits: the size of the server's b (pycognito draws 1,024 bits; the server
    /// accepts any A).
    let secret = BigNumber(bigEndian: (0..<32).map { _ in UInt8.random(in: 0...255) })
    /// A = g^a mod N.
    let publicValue: BigNumber

    init(realm: String, password: String) {
        self.realm = realm
        self.password = password
        publicValue = Self.generator.power(secret, modulo: Self.prime)
    }

    init(userPoolID: String, password: String) {
        self.init(realm: userPoolID.split(separator: "_", maxSplits: 1).last.map(String.init) ?? userPoolID, password: password)
    }

    /// The ChallengeResponses of PASSWORD_VERIFIER for its challenge parameters (SALT, SRP_B,
    /// SECRET_BLOCK, USER_ID_FOR_SRP, and USERNAME, else the name the client gave); `nil` when they
    /// are missing or not hex.
    func passwordVerifierResponses(_ challenge: [String: String], username: String, now: Date) -> [String: String]? {
        guard let userID = challenge["USER_ID_FOR_SRP"], var responses = claim(challenge, identity: userID, now: now) else { return nil }
        responses["USERNAME"] = challenge["USERNAME"] ?? username
        return responses
    }

    /// The ChallengeResponses of DEVICE_PASSWORD_VERIFIER for its challenge parameters (SALT,
    /// SRP_B, SECRET_BLOCK, USERNAME), made with this client's realm, the device group key.
    func devicePasswordVerifierResponses(_ challenge: [String: String], deviceKey: String, now: Date) -> [String: String]? {
        guard let username = challenge["USERNAME"], var responses = claim(challenge, identity: deviceKey, now: now) else { return nil }
        responses["USERNAME"] = username
        responses["DEVICE_KEY"] = deviceKey
        return responses
    }

    /// PASSWORD_CLAIM_SECRET_BLOCK, TIMESTAMP and PASSWORD_CLAIM_SIGNATURE for `identity`.
    private func claim(_ challenge: [String: String], identity: String, now: Date) -> [String: String]? {
        guard let salt = challenge["SALT"].flatMap(BigNumber.init(hex:)), let serverPublic = challenge["SRP_B"].flatMap(BigNumber.init(hex:)),
              let secretBlockText = challenge["SECRET_BLOCK"], let secretBlock = Self.base64Decoded(secretBlockText) else { return nil }
        let u = BigNumber(bigEndian: Self.hash(publicValue.padded + serverPublic.padded))
        let x = Self.x(salt: salt.padded, realm: realm, identity: identity, password: password)
        let base = serverPublic.subtracting(Self.multiplier.multiplied(by: Self.generator.power(x, modulo: Self.prime), modulo: Self.prime),
                                            modulo: Self.prime)
        let s = base.power(secret.adding(u.multiplied(by: x)), modulo: Self.prime)
        let prk = HMAC<SHA256>.authenticationCode(for: s.padded, using: SymmetricKey(data: u.padded))
        let okm = HMAC<SHA256>.authenticationCode(for: Array("Caldera Derived Key".utf8) + [1], using: SymmetricKey(data: Data(prk)))
        let timestamp = Self.timestamp(now)
        var signature = HMAC<SHA256>(key: SymmetricKey(data: Data(okm).prefix(16)))
        signature.update(data: Array(realm.utf8) + Array(identity.utf8))
        signature.update(data: secretBlock)
        signature.update(data: Array(timestamp.utf8))
        return ["PASSWORD_CLAIM_SECRET_BLOCK": secretBlockText, "TIMESTAMP": timestamp,
                "PASSWORD_CLAIM_SIGNATURE": Data(signature.finalize()).base64EncodedString()]
    }

    /// x = H(salt ‖ H(realm ‖ identity ‖ ":" ‖ password)).
    static func x(salt: [UInt8], realm: String, identity: String, password: String) -> BigNumber {
        BigNumber(bigEndian: hash(salt + hash(Array("\(realm)\(identity):\(password)".utf8))))
    }

    /// A device password and the DeviceSecretVerifierConfig ConfirmDevice takes for it, made as
    /// amazon-cognito-identity-js makes them: base64 of 40 random bytes, a 16-byte salt.
    static func deviceSecret(groupKey: String, deviceKey: String) -> (password: String, config: [String: String]) {
        let password = Data((0..<40).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let salt = BigNumber(bigEndian: (0..<16).map { _ in UInt8.random(in: 0...255) }).padded
        let verifier = generator.power(x(salt: salt, realm: groupKey, identity: deviceKey, password: password), modulo: prime).padded
        return (password, ["PasswordVerifier": Data(verifier).base64EncodedString(), "Salt": Data(salt).base64EncodedString()])
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
