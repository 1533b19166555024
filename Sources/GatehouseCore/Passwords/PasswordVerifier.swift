import Crypto
import Foundation

/// What Gatehouse keeps of a password: Cognito's SRP salt and verifier, never the password or a
/// plain hash of it. The verifier is v = g^x mod N with x = SHA-256(salt ‖ SHA-256(pool suffix ‖
/// user id for SRP ‖ ":" ‖ password)), the formula of amazon-cognito-identity-js and pycognito, so
/// both SRP sign-in and a password sent in the clear (USER_PASSWORD_AUTH, admin calls) check
/// against it.
public struct PasswordVerifier: Sendable, Equatable {
    /// 16 bytes; the first is 0x10 to 0x7F, so the salt's hex form has neither a leading zero nor a
    /// top bit, which SRP clients would drop or pad before hashing.
    public let salt: [UInt8]
    /// v, big-endian, 384 bytes.
    public let verifier: [UInt8]

    public init(salt: [UInt8], verifier: [UInt8]) {
        self.salt = salt
        self.verifier = verifier
    }

    /// A verifier of `password` with a fresh salt.
    /// - Parameters:
    ///   - userIDForSRP: the user's USER_ID_FOR_SRP: the username the user was created with.
    ///   - userPoolID: the pool's id; its part after the underscore enters x.
    public init(password: String, userIDForSRP: String, userPoolID: String, random: RandomSource) {
        var salt = random.bytes(16)
        salt[0] = 0x10 + salt[0] % 0x70
        self.init(salt: salt, verifier: SRPGroup.generatorPower(
            Self.x(salt: salt, password: password, userIDForSRP: userIDForSRP, userPoolID: userPoolID)))
    }

    /// A verifier for a user that does not exist, so that SRP can answer for it like for any user:
    /// v = g^secret, which no password reaches in practice.
    /// - Parameter secret: 32 bytes the caller derives from the name, so the answer stays the same.
    public init(unknownUserSalt salt: [UInt8], secret: [UInt8]) {
        self.init(salt: salt, verifier: SRPGroup.generatorPower(Array(secret.prefix(32))))
    }

    /// The secret a client made for a device at ConfirmDevice (DeviceSecretVerifierConfig): base64
    /// of the salt and of v, made as amazon-cognito-identity-js and pycognito make them, with x =
    /// SHA-256(salt ‖ SHA-256(device group key ‖ device key ‖ ":" ‖ device password)). The salt is
    /// kept as given, since the client hashes those bytes.
    /// - Returns: `nil` unless both are base64, the salt is 1 to 64 bytes and 0 < v < N.
    public init?(deviceSecretVerifier verifier: String, salt: String) {
        guard let salt = Data(base64Encoded: salt), (1...64).contains(salt.count),
              let verifier = Data(base64Encoded: verifier), verifier.count <= SRPGroup.byteCount + 1 else { return nil }
        let value = GMPInteger(bigEndian: Array(verifier))
        guard !value.isZero, value.remainder(modulo: SRPGroup.modulus).minimalBigEndian == value.minimalBigEndian else { return nil }
        self.init(salt: Array(salt), verifier: value.minimalBigEndian)
    }

    /// Whether `password` is the one this verifier was made from.
    public func matches(_ password: String, userIDForSRP: String, userPoolID: String) -> Bool {
        let candidate = SRPGroup.generatorPower(Self.x(salt: salt, password: password, userIDForSRP: userIDForSRP,
                                                       userPoolID: userPoolID))
        return zip(candidate, verifier).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0 && candidate.count == verifier.count
    }

    /// SRP's private key x, big-endian.
    static func x(salt: [UInt8], password: String, userIDForSRP: String, userPoolID: String) -> [UInt8] {
        let suffix = userPoolID.split(separator: "_", maxSplits: 1).last.map(String.init) ?? userPoolID
        let identity = SHA256.hash(data: Array("\(suffix)\(userIDForSRP):\(password)".utf8))
        var hash = SHA256()
        hash.update(data: salt)
        hash.update(data: Array(identity))
        return Array(hash.finalize())
    }
}
