import Crypto
import Foundation

/// An AES-GCM key that seals small values (client secrets, sign-in sessions, refresh tokens,
/// signing keys) so that they can leave the server or sit in a document without being read or
/// changed. Each value is bound to a context string (what it is and whose), so that a value sealed
/// for one purpose or owner does not open for another.
public struct SealingKey: Sendable {
    /// Never mutated, so safe to share; swift-crypto does not mark it Sendable.
    fileprivate nonisolated(unsafe) let key: SymmetricKey

    /// - Parameter key: 32 bytes.
    public init(key: Data) {
        self.key = SymmetricKey(data: key)
    }

    /// `plaintext` sealed for `context`, with a nonce from `random`: nonce ‖ ciphertext ‖ tag.
    public func seal(_ plaintext: some DataProtocol, context: String, random: RandomSource) -> Data {
        do {
            let nonce = try AES.GCM.Nonce(data: random.bytes(12))
            // `combined` is present for a 12-byte nonce.
            return try AES.GCM.seal(plaintext, using: key, nonce: nonce, authenticating: Data(context.utf8)).combined!
        } catch {
            preconditionFailure("AES-GCM cannot fail on a 12-byte nonce and a 32-byte key: \(error)")
        }
    }

    /// What `sealed` holds, or `nil` when it was not sealed by this key for `context` or was changed.
    public func open(_ sealed: Data, context: String) -> Data? {
        guard let box = try? AES.GCM.SealedBox(combined: sealed) else { return nil }
        return try? AES.GCM.open(box, using: key, authenticating: Data(context.utf8))
    }
}

extension SealingKey {
    /// A value derived from this key for `label` (HMAC-SHA-256): the same label always gives the
    /// same bytes, and they reveal nothing of the key.
    public func derive(_ label: String) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Data(("derive/" + label).utf8), using: key))
    }
}
