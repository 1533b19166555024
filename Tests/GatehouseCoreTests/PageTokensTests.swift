import AWSWire
import Foundation
@testable import GatehouseCore
import XCTest

final class PageTokensTests: XCTestCase {
    let tokens = PageTokens(key: Data(repeating: 7, count: 32))

    func testATokenOpensToItsCursor() throws {
        let token = tokens.seal("us-east-1_abc", scope: "ListUserPools/us-east-1")
        XCTAssertEqual(try tokens.open(token, scope: "ListUserPools/us-east-1"), "us-east-1_abc")
    }

    func testATamperedForeignOrMisusedTokenIsRefused() {
        let token = tokens.seal("us-east-1_abc", scope: "ListUserPools/us-east-1")
        let forged = PageTokens(key: Data(repeating: 8, count: 32)).seal("us-east-1_abc", scope: "ListUserPools/us-east-1")
        let tampered = "dXMtZWFzdC0xX2FiZA" + token.drop { $0 != "." }
        for bad in [forged, tampered, "garbage", token + "x"] {
            XCTAssertThrowsError(try tokens.open(bad, scope: "ListUserPools/us-east-1")) {
                XCTAssertEqual($0 as? AWSServiceError, .invalidParameterException("Invalid pagination token provided."))
            }
        }
        XCTAssertThrowsError(try tokens.open(token, scope: "ListUserPools/eu-west-1"))
    }

    func testBase64URLIsFoundationsBase64WithTheURLAlphabetAndNoPadding() {
        let samples = (0...9).map { Data((0..<$0).map { UInt8(truncatingIfNeeded: $0 * 97 + 251) }) } + [Data([0xFB, 0xFF, 0xBF])]
        for data in samples {
            let expected = data.base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            XCTAssertEqual(data.base64URLEncoded, expected)
            XCTAssertEqual(Data(base64URLEncoded: data.base64URLEncoded), data)
        }
    }
}
