import AWSWire
import Crypto
import Foundation
import XCTest

/// The Encryption SDK message, read back field by field as the format's specification lays it out
/// (the e2e tests decrypt it with the AWS Encryption SDK for Python).
final class EncryptionSDKMessageTests: XCTestCase {
    let dataKey = EncryptionSDKMessage.DataKey(plaintext: Array(repeating: 0x11, count: 32), encrypted: [9, 8, 7],
                                               providerID: "aws-kms", providerInfo: "arn:aws:kms:us-east-1:123456789012:key/k")
    let messageID = Array(UInt8(0)..<16)

    /// Bytes read in order.
    struct Reader {
        var bytes: ArraySlice<UInt8>
        mutating func take(_ count: Int) -> [UInt8] {
            defer { bytes = bytes.dropFirst(count) }
            return Array(bytes.prefix(count))
        }
        mutating func integer(_ size: Int) -> Int { take(size).reduce(0) { $0 << 8 | Int($1) } }
        mutating func field() -> [UInt8] { take(integer(2)) }
        mutating func text() -> String { String(decoding: field(), as: UTF8.self) }
    }

    func testTheContextNamesTheMessagesPublicSigningKey() throws {
        let materials = EncryptionSDKMessage.Materials(context: ["userpool-id": "us-east-1_Pool"])
        XCTAssertEqual(Set(materials.encryptionContext.keys), ["userpool-id", "aws-crypto-public-key"])
        let point = try XCTUnwrap(Data(base64Encoded: try XCTUnwrap(materials.encryptionContext["aws-crypto-public-key"])))
        XCTAssertEqual(point.count, 49)
        XCTAssertEqual(try P384.Signing.PublicKey(compressedRepresentation: point).rawRepresentation,
                       materials.signingKey.publicKey.rawRepresentation)
    }

    func testHeaderFramesAndSignatureReadBack() throws {
        let materials = EncryptionSDKMessage.Materials(context: ["userpool-id": "us-east-1_Pool"])
        let plaintext = Array("123456".utf8)
        let message = try EncryptionSDKMessage.encrypt(plaintext, materials: materials, dataKey: dataKey, messageID: messageID)
        var reader = Reader(bytes: message[...])
        XCTAssertEqual(reader.take(4), [0x01, 0x80, 0x03, 0x78])
        XCTAssertEqual(reader.take(16), messageID)
        var context = Reader(bytes: reader.field()[...])
        XCTAssertEqual(context.integer(2), 2)
        XCTAssertEqual(context.text(), "aws-crypto-public-key")
        XCTAssertEqual(context.text(), materials.encryptionContext["aws-crypto-public-key"])
        XCTAssertEqual([context.text(), context.text()], ["userpool-id", "us-east-1_Pool"])
        XCTAssertEqual(reader.integer(2), 1)
        XCTAssertEqual([reader.text(), reader.text()], ["aws-kms", dataKey.providerInfo])
        XCTAssertEqual(reader.field(), dataKey.encrypted)
        XCTAssertEqual(reader.take(1 + 4 + 1 + 4), [0x02, 0, 0, 0, 0, 12, 0, 0, 0x10, 0x00])
        let headerLength = message.count - reader.bytes.count
        let key = HKDF<SHA384>.deriveKey(inputKeyMaterial: SymmetricKey(data: dataKey.plaintext), info: [0x03, 0x78] + messageID,
                                         outputByteCount: 32)
        let headerIV = reader.take(12)
        XCTAssertEqual(headerIV, Array(repeating: 0, count: 12))
        _ = try AES.GCM.open(AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: headerIV), ciphertext: [UInt8](), tag: reader.take(16)),
                             using: key, authenticating: message[..<headerLength])

        XCTAssertEqual(reader.integer(4), 0xFFFF_FFFF)
        XCTAssertEqual(reader.integer(4), 1)
        let iv = reader.take(12)
        XCTAssertEqual(iv, Array(repeating: 0, count: 8) + [0, 0, 0, 1])
        let length = reader.integer(4)
        let box = try AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: iv), ciphertext: reader.take(length), tag: reader.take(16))
        let aad = messageID + Array("AWSKMSEncryptionClient Final Frame".utf8) + [0, 0, 0, 1] + [0, 0, 0, 0, 0, 0, 0, 6]
        XCTAssertEqual(Array(try AES.GCM.open(box, using: key, authenticating: aad)), plaintext)

        let signed = message[..<(message.count - reader.bytes.count)]
        let signature = try P384.Signing.ECDSASignature(derRepresentation: reader.field())
        XCTAssertTrue(reader.bytes.isEmpty)
        XCTAssertTrue(materials.signingKey.publicKey.isValidSignature(signature, for: signed))
    }

    /// A plaintext longer than a frame: full frames, then a final frame with the rest.
    func testLongPlaintextsSpanFrames() throws {
        let materials = EncryptionSDKMessage.Materials(context: [:])
        let short = try EncryptionSDKMessage.encrypt([1], materials: materials, dataKey: dataKey, messageID: messageID)
        let long = try EncryptionSDKMessage.encrypt(Array(repeating: 1, count: 4096 + 1), materials: materials, dataKey: dataKey,
                                                    messageID: messageID)
        // One more frame: its sequence number, IV, 4,096 bytes and tag (the signatures' lengths may differ by a byte or two).
        XCTAssertEqual(Double(long.count - short.count), Double(4 + 12 + 4096 + 16), accuracy: 3)
    }

    func testAWrongDataKeyLengthIsRefused() {
        let short = EncryptionSDKMessage.DataKey(plaintext: [1], encrypted: [], providerID: "aws-kms", providerInfo: "k")
        XCTAssertThrowsError(try EncryptionSDKMessage.encrypt([1], materials: .init(context: [:]), dataKey: short, messageID: messageID)) {
            XCTAssertEqual($0 as? EncryptionSDKMessage.Failure, .dataKeyLength(1))
        }
    }
}
