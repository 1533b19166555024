import Foundation
import GatehouseCore
import XCTest

/// TOTP and base32 against the RFCs' own test vectors.
final class TOTPTests: XCTestCase {
    /// RFC 6238 appendix B, SHA-1 seed "12345678901234567890": the last six of its eight digits.
    func testCodesAreRFC6238s() {
        let secret = Array("12345678901234567890".utf8)
        let vectors: [(TimeInterval, String)] = [(59, "287082"), (1_111_111_109, "081804"), (1_234_567_890, "005924"),
                                                 (2_000_000_000, "279037")]
        for (seconds, code) in vectors {
            XCTAssertEqual(TOTP.code(secret: secret, step: TOTP.step(at: Date(timeIntervalSince1970: seconds))), code, "at \(seconds)")
        }
        let now = Date(timeIntervalSince1970: 59)
        XCTAssertEqual(TOTP.matchingStep("287082", secret: secret, now: now), 1)
        XCTAssertEqual(TOTP.matchingStep("287082", secret: secret, now: now.addingTimeInterval(30)), 1, "one step of drift")
        XCTAssertNil(TOTP.matchingStep("287082", secret: secret, now: now.addingTimeInterval(60)))
    }

    /// RFC 4648 §10, without the padding.
    func testBase32IsRFC4648s() {
        let vectors = ["": "", "f": "MY", "fo": "MZXQ", "foo": "MZXW6", "foob": "MZXW6YQ", "fooba": "MZXW6YTB", "foobar": "MZXW6YTBOI"]
        for (plain, encoded) in vectors {
            XCTAssertEqual(TOTP.base32(Array(plain.utf8)), encoded, plain)
        }
    }
}
