@testable import GatehouseServer
import XCTest

/// The SMTP relay's URL never shows its password in an error.
final class SMTPRelayTests: XCTestCase {
    func testAnInvalidURLIsReportedWithoutItsCredentials() {
        XCTAssertThrowsError(try SMTPRelay(url: "smtp://mailer:s3cret@", insecure: false)) {
            XCTAssertEqual(String(describing: $0), "the SMTP URL smtp://…@ has no host")
        }
        XCTAssertEqual(SMTPRelay.redacted("smtps://user:p%40ss@mail.example.com:465"), "smtps://…@mail.example.com:465")
        XCTAssertEqual(SMTPRelay.redacted("smtp://mail.example.com"), "smtp://mail.example.com")
    }
}
