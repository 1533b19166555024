import Crypto
import Foundation

/// A message of the AWS Encryption SDK's format (version 1), in one algorithm suite: `0x0378`,
/// AES_256_GCM_IV12_TAG16_HKDF_SHA384_ECDSA_P384, the suite of the ciphertexts Cognito hands its
/// custom sender functions (docs/evidence/lambda-triggers.md § 6). Any Encryption SDK decrypts
/// it whose commitment policy allows a suite without key commitment (`REQUIRE_ENCRYPT_ALLOW_DECRYPT`,
/// as AWS's sample senders use).
///
/// Encrypting takes two steps because the data key is bound to the whole encryption context,
/// which holds the message's signing key: ``Materials`` makes that key and the context; the
/// caller has a key service (KMS) make a data key under that context; ``encrypt(_:materials:dataKey:messageID:)``
/// writes the message. The layout follows the format's specification: header (version 1, type
/// 0x80, suite, message id, encryption context, encrypted data keys, framed content, 12-byte IVs,
/// 4,096-byte frames), header authentication tag, frames, and an ECDSA P-384 signature over all of it.
public enum EncryptionSDKMessage {
    public static let algorithmSuiteID: UInt16 = 0x0378
    /// The encryption context key under which the message's public signing key travels.
    public static let publicKeyContextKey = "aws-crypto-public-key"
    public static let frameLength = 4096
    static let ivLength = 12

    /// The signing key of one message and the encryption context that names its public key.
    public struct Materials {
        public let signingKey: P384.Signing.PrivateKey
        public let encryptionContext: [String: String]

        /// A new signing key, with `context` and the key's compressed public point (base64) under
        /// ``publicKeyContextKey``.
        public init(context: [String: String]) {
            signingKey = P384.Signing.PrivateKey()
            var context = context
            context[EncryptionSDKMessage.publicKeyContextKey] = signingKey.publicKey.compressedRepresentation.base64EncodedString()
            encryptionContext = context
        }
    }

    /// A data key as a key provider made it: the key itself and its encrypted copy for the message.
    public struct DataKey: Sendable {
        public let plaintext: [UInt8]
        public let encrypted: [UInt8]
        /// The provider ("aws-kms") and what names the key to it (for KMS, the key's ARN).
        public let providerID: String
        public let providerInfo: String

        public init(plaintext: [UInt8], encrypted: [UInt8], providerID: String, providerInfo: String) {
            self.plaintext = plaintext
            self.encrypted = encrypted
            self.providerID = providerID
            self.providerInfo = providerInfo
        }
    }

    public enum Failure: Error, Equatable {
        /// The data key is not the suite's 32 bytes.
        case dataKeyLength(Int)
    }

    /// `plaintext` encrypted under `dataKey`, with the context and signing key of `materials`.
    /// - Parameter messageID: 16 random bytes that name the message.
    public static func encrypt(_ plaintext: [UInt8], materials: Materials, dataKey: DataKey,
                               messageID: [UInt8]) throws -> [UInt8] {
        guard dataKey.plaintext.count == 32 else { throw Failure.dataKeyLength(dataKey.plaintext.count) }
        let key = HKDF<SHA384>.deriveKey(inputKeyMaterial: SymmetricKey(data: dataKey.plaintext),
                                         info: bigEndian(algorithmSuiteID) + messageID, outputByteCount: 32)
        var message = header(materials.encryptionContext, dataKey: dataKey, messageID: messageID)
        let headerAuthentication = try AES.GCM.seal([UInt8](), using: key, nonce: nonce(sequenceNumber: 0), authenticating: message)
        message += nonce(sequenceNumber: 0) + headerAuthentication.tag
        var sequenceNumber: UInt32 = 1
        var rest = plaintext[...]
        while true {
            let final = rest.count < frameLength
            let content = rest.prefix(final ? rest.count : frameLength)
            rest = rest.dropFirst(content.count)
            let label = final ? "AWSKMSEncryptionClient Final Frame" : "AWSKMSEncryptionClient Frame"
            let aad = messageID + Array(label.utf8) + bigEndian(sequenceNumber) + bigEndian(UInt64(content.count))
            let sealed = try AES.GCM.seal(content, using: key, nonce: nonce(sequenceNumber: sequenceNumber), authenticating: aad)
            if final { message += bigEndian(UInt32.max) }
            message += bigEndian(sequenceNumber) + nonce(sequenceNumber: sequenceNumber)
            if final { message += bigEndian(UInt32(content.count)) }
            message += sealed.ciphertext + sealed.tag
            if final { break }
            sequenceNumber += 1
        }
        let signature = try materials.signingKey.signature(for: message).derRepresentation
        return message + bigEndian(UInt16(signature.count)) + signature
    }

    /// The header up to its authentication tag.
    static func header(_ context: [String: String], dataKey: DataKey, messageID: [UInt8]) -> [UInt8] {
        var header: [UInt8] = [0x01, 0x80] + bigEndian(algorithmSuiteID) + messageID
        let serializedContext = encryptionContext(context)
        header += bigEndian(UInt16(serializedContext.count)) + serializedContext
        header += bigEndian(UInt16(1))
        for field in [Array(dataKey.providerID.utf8), Array(dataKey.providerInfo.utf8), dataKey.encrypted] {
            header += bigEndian(UInt16(field.count)) + field
        }
        header += [0x02] + [0, 0, 0, 0] + [UInt8(ivLength)] + bigEndian(UInt32(frameLength))
        return header
    }

    /// The context as the format writes it: the number of pairs, then each key and value with
    /// their lengths, in the order of the keys' UTF-8 bytes; nothing for an empty context.
    static func encryptionContext(_ context: [String: String]) -> [UInt8] {
        guard !context.isEmpty else { return [] }
        let pairs = context.map { (Array($0.key.utf8), Array($0.value.utf8)) }.sorted { $0.0.lexicographicallyPrecedes($1.0) }
        var bytes = bigEndian(UInt16(pairs.count))
        for (key, value) in pairs { bytes += bigEndian(UInt16(key.count)) + key + bigEndian(UInt16(value.count)) + value }
        return bytes
    }

    /// The IV of a frame (the header's: 0): eight zero bytes, then the sequence number.
    static func nonce(sequenceNumber: UInt32) -> [UInt8] {
        [UInt8](repeating: 0, count: ivLength - 4) + bigEndian(sequenceNumber)
    }

    static func bigEndian<Integer: FixedWidthInteger>(_ value: Integer) -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian, Array.init)
    }
}

extension AES.GCM {
    /// `seal` with a nonce given as bytes.
    fileprivate static func seal<Plaintext: DataProtocol>(_ plaintext: Plaintext, using key: SymmetricKey, nonce: [UInt8],
                                                          authenticating aad: [UInt8]) throws -> SealedBox {
        try seal(plaintext, using: key, nonce: try Nonce(data: nonce), authenticating: aad)
    }
}
