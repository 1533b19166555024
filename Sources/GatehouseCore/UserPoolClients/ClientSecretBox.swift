import AWSWire
import Crypto
import Foundation

/// Keeps app client secrets out of the stored documents in the clear: each is sealed with AES-GCM
/// under a server-wide key that every process sharing the database shares, bound to its client id
/// so that a sealed secret copied to another client does not open.
public struct ClientSecretBox: Sendable {
    /// Never mutated, so safe to share; swift-crypto does not mark it Sendable.
    private nonisolated(unsafe) let key: SymmetricKey

    /// - Parameter key: 32 bytes.
    public init(key: Data) {
        self.key = SymmetricKey(data: key)
    }

    /// `secret` sealed for the client `clientID`, with a nonce from `random`.
    public func seal(_ secret: String, clientID: String, random: RandomSource) -> Data {
        do {
            let nonce = try AES.GCM.Nonce(data: random.bytes(12))
            // `combined` is present for a 12-byte nonce.
            return try AES.GCM.seal(Data(secret.utf8), using: key, nonce: nonce,
                                    authenticating: Data(clientID.utf8)).combined!
        } catch {
            preconditionFailure("AES-GCM cannot fail on a 12-byte nonce and a 32-byte key: \(error)")
        }
    }

    /// The secret sealed in `sealed` for `clientID`.
    /// - Throws: `InternalErrorException` when `sealed` was not sealed by this key for this client.
    public func open(_ sealed: Data, clientID: String) throws(AWSServiceError) -> String {
        guard let box = try? AES.GCM.SealedBox(combined: sealed),
              let secret = try? AES.GCM.open(box, using: key, authenticating: Data(clientID.utf8)) else {
            throw .internalError
        }
        return String(decoding: secret, as: UTF8.self)
    }
}
