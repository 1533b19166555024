import Crypto
import Foundation
@testable import GatehouseCore
import XCTest
import _CryptoExtras

/// OpenSSL's RS256 signatures are the ones swift-crypto verifies (and makes: PKCS #1 v1.5 is deterministic).
final class RSASignerTests: XCTestCase {
    func testOpenSSLSignsAsSwiftCryptoDoesForBothDERForms() throws {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let message = Array("header.claims".utf8)
        let expected = try key.signature(for: message, padding: .insecurePKCS1v1_5).rawRepresentation
        let pkcs8 = try XCTUnwrap(Data(base64Encoded: key.pkcs8PEMRepresentation.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()))
        for der in [key.derRepresentation, pkcs8] {
            let signer = try XCTUnwrap(RSASigner(derRepresentation: der))
            XCTAssertEqual(Data(signer.sign(message)), expected)
        }
    }

    func testBytesThatAreNoRSAPrivateKeyAreRefused() throws {
        XCTAssertNil(RSASigner(derRepresentation: Data([0x30, 0x03, 0x02, 0x01, 0x01])))
        XCTAssertNil(RSASigner(derRepresentation: P256.Signing.PrivateKey().derRepresentation))
        XCTAssertNil(RSASigner(derRepresentation: Data()))
    }
}
