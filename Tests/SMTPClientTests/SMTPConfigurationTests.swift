import XCTest

@testable import SMTPClient

final class SMTPConfigurationTests: XCTestCase {
    func testDefaults() {
        let configuration = SMTPConfiguration(host: "mail.example.com")
        XCTAssertEqual(configuration.security, .startTLS)
        XCTAssertEqual(configuration.port, 587)
        XCTAssertEqual(configuration.heloName, "localhost")
        XCTAssertEqual(configuration.certificateVerification, .full)
        XCTAssertEqual(configuration.timeout, .seconds(30))
        XCTAssertEqual(SMTPConfiguration(host: "h", security: .tls).port, 465)
    }

    func testDescriptionRedactsThePassword() {
        let configuration = SMTPConfiguration(host: "mail.example.com", username: "gatehouse", password: "s3cret")
        XCTAssertTrue(configuration.description.contains("gatehouse"))
        XCTAssertFalse(configuration.description.contains("s3cret"))
        XCTAssertFalse(String(reflecting: configuration).contains("s3cret"))
    }

    func testInvalidConfigurationsAreRejectedBeforeConnecting() async {
        let message = EmailMessage(from: EmailAddress("a@example.com"), to: EmailAddress("b@example.com"), subject: "", body: "")
        let invalid = [
            SMTPConfiguration(host: "127.0.0.1", port: 1, username: "user"),
            SMTPConfiguration(host: "127.0.0.1", port: 1, heloName: "client\r\nRSET"),
            SMTPConfiguration(host: "127.0.0.1", port: 0),
            SMTPConfiguration(host: "127.0.0.1", port: 1, timeout: .zero),
            SMTPConfiguration(host: "127.0.0.1", port: 1, security: .tls, additionalTrustedCAPath: "/nonexistent/ca.pem"),
        ]
        for configuration in invalid {
            do {
                try await SMTPTransport(configuration: configuration).send(message)
                XCTFail("expected an error for \(configuration)")
            } catch {
                XCTAssertEqual((error as? SMTPError)?.kind, .invalidConfiguration, "\(error)")
            }
        }
    }
}
