import AWSWire
import Foundation

/// A pool's two token signing keys, and how they are stored: the private keys' DER sealed with a
/// server-wide ``SealingKey`` bound to the pool, so a stored document read on its own gives no key.
public struct PoolSigningKeys: Sendable {
    public let idToken: TokenSigningKey
    public let accessToken: TokenSigningKey

    public init(idToken: TokenSigningKey, accessToken: TokenSigningKey) {
        self.idToken = idToken
        self.accessToken = accessToken
    }

    /// Two new keys.
    public static func generate() -> PoolSigningKeys {
        PoolSigningKeys(idToken: .generate(), accessToken: .generate())
    }

    /// The key whose id is `keyID`, or `nil`.
    public func key(withID keyID: String) -> TokenSigningKey? {
        [idToken, accessToken].first { $0.keyID == keyID }
    }

    /// The document to store for the pool `userPoolID`.
    public func sealed(for userPoolID: String, with key: SealingKey, random: RandomSource) -> Data {
        var plain = Data()
        for signingKey in [idToken, accessToken] {
            let der = signingKey.derRepresentation
            plain.append(contentsOf: withUnsafeBytes(of: UInt32(der.count).bigEndian, Array.init))
            plain.append(der)
        }
        return key.seal(plain, context: Self.context(userPoolID), random: random)
    }

    /// The keys in a document ``sealed(for:with:random:)`` made for `userPoolID`.
    /// - Throws: `InternalErrorException` when it was not sealed with this key for this pool.
    public init(opening document: Data, for userPoolID: String, with key: SealingKey) throws(AWSServiceError) {
        guard let plain = key.open(document, context: Self.context(userPoolID)) else { throw .internalError }
        var rest = plain[...]
        var keys: [TokenSigningKey] = []
        while rest.count >= 4, keys.count < 2 {
            let length = rest.prefix(4).reduce(0) { $0 << 8 | Int($1) }
            rest = rest.dropFirst(4)
            guard rest.count >= length, let signingKey = TokenSigningKey(derRepresentation: Data(rest.prefix(length))) else { break }
            keys.append(signingKey)
            rest = rest.dropFirst(length)
        }
        guard keys.count == 2, rest.isEmpty else { throw .internalError }
        self.init(idToken: keys[0], accessToken: keys[1])
    }

    /// The JWKS document: `{"keys":[…]}`, the ID token's key first.
    public func jwks() -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("keys", [idToken, accessToken])
        writer.endObject()
        return writer.bytes
    }

    private static func context(_ userPoolID: String) -> String { "signing-keys/\(userPoolID)" }
}

