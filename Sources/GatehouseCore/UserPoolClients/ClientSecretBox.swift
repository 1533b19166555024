import AWSWire
import Foundation

/// Keeps app client secrets out of the stored documents in the clear: each is sealed with AES-GCM
/// under a server-wide key that every process sharing the database shares, bound to its client id
/// so that a sealed secret copied to another client does not open.
public struct ClientSecretBox: Sendable {
    private let key: SealingKey

    /// - Parameter key: 32 bytes.
    public init(key: Data) {
        self.key = SealingKey(key: key)
    }

    /// `secret` sealed for the client `clientID`, with a nonce from `random`.
    public func seal(_ secret: String, clientID: String, random: RandomSource) -> Data {
        key.seal(Data(secret.utf8), context: clientID, random: random)
    }

    /// The secret sealed in `sealed` for `clientID`.
    /// - Throws: `InternalErrorException` when `sealed` was not sealed by this key for this client.
    public func open(_ sealed: Data, clientID: String) throws(AWSServiceError) -> String {
        guard let secret = key.open(sealed, context: clientID) else { throw .internalError }
        return String(decoding: secret, as: UTF8.self)
    }
}
