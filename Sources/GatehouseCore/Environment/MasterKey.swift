import AWSWire
import Foundation

/// The key that wraps the server's secrets (the keys that seal sessions, refresh tokens, signing
/// keys, client secrets, codes and page tokens) before they are stored, kept outside the database
/// so that a copy of the database alone opens none of them. A wrapped secret names the key that
/// wrapped it: version byte 1 ‖ the key's id (16 ASCII hex digits) ‖ AES-GCM(secret, bound to its name).
public struct MasterKey: Sendable {
    /// The key's public name: 8 bytes derived from it, in hex. It reveals nothing of the key.
    public let id: String
    private let sealing: SealingKey
    /// The 32 bytes, for the key file.
    private let bytes: Data

    static let version: UInt8 = 1
    static let idLength = 16

    /// Why a stored secret does not open.
    public enum Failure: Error, Equatable {
        /// Wrapped by the key with this id.
        case wrappedByAnotherKey(String)
        /// Not wrapped at all: a secret stored by a version before master keys.
        case notWrapped
        /// Wrapped by this key but changed since, or not wrapped for this name.
        case damaged
    }

    /// - Parameter bytes: 32 bytes.
    public init?(bytes: Data) {
        guard bytes.count == 32 else { return nil }
        self.bytes = bytes
        sealing = SealingKey(key: bytes)
        id = hexEncoded(sealing.derive("master-key-id").prefix(8))
    }

    /// A new random key.
    public static func generate(random: RandomSource) -> MasterKey {
        MasterKey(bytes: Data(random.bytes(32)))!
    }

    /// The key as a key file holds it: its 32 bytes in base64 and a newline.
    public var fileContents: String {
        bytes.base64EncodedString() + "\n"
    }

    /// The key a key file holds (base64 of 32 bytes; surrounding whitespace ignored), or `nil`.
    public init?(fileContents: String) {
        guard let bytes = Data(base64Encoded: fileContents.trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
        self.init(bytes: bytes)
    }

    /// `secret` wrapped for storage under `name`.
    public func wrap(_ secret: Data, named name: String, random: RandomSource) -> Data {
        var wrapped = Data([Self.version])
        wrapped.append(Data(id.utf8))
        wrapped.append(sealing.seal(secret, context: Self.context(name), random: random))
        return wrapped
    }

    /// The secret stored under `name`.
    public func unwrap(_ stored: Data, named name: String) throws(Failure) -> Data {
        guard let storedID = Self.keyID(ofWrapped: stored) else { throw .notWrapped }
        guard storedID == id else { throw .wrappedByAnotherKey(storedID) }
        guard let secret = sealing.open(stored.dropFirst(1 + Self.idLength), context: Self.context(name)) else { throw .damaged }
        return secret
    }

    /// The id of the key that wrapped a stored secret, or `nil` when it is not wrapped.
    public static func keyID(ofWrapped stored: Data) -> String? {
        guard stored.count > 1 + idLength, stored.first == version,
              let id = String(bytes: stored.dropFirst().prefix(idLength), encoding: .ascii),
              id.allSatisfy(\.isHexDigit) else { return nil }
        return id
    }

    private static func context(_ name: String) -> String {
        "server-secret/" + name
    }
}
