import XCTest

@testable import SMTPClient

final class SMTPCommandTests: XCTestCase {
    func testDotStuffingDoublesLeadingDotsAndTerminatesData() {
        XCTAssertEqual(
            SMTPCommand.messageContent(".first\r\nmiddle.\r\n.\r\n..two\r\nlast").wireString,
            "..first\r\nmiddle.\r\n..\r\n...two\r\nlast\r\n.\r\n"
        )
        XCTAssertEqual(SMTPCommand.messageContent("a\r\n").wireString, "a\r\n.\r\n")
    }

    func testRenderedMessageSurvivesDotStuffing() throws {
        let message = EmailMessage(
            from: EmailAddress("a@example.com"), to: EmailAddress("b@example.com"), subject: ".", body: ".\n.."
        )
        let rendered = try message.rendered(date: Date(), messageID: "<x@y>")
        let wire = SMTPCommand.messageContent(rendered).wireString
        XCTAssertTrue(wire.hasSuffix("\r\n.\r\n"))
        XCTAssertFalse(wire.dropLast(3).components(separatedBy: "\r\n").contains("."))
    }

    func testCommandsOnTheWire() {
        XCTAssertEqual(SMTPCommand.ehlo("client.test").wireString, "EHLO client.test\r\n")
        XCTAssertEqual(SMTPCommand.mailFrom("a@example.com").wireString, "MAIL FROM:<a@example.com>\r\n")
        XCTAssertEqual(SMTPCommand.recipient("b@example.com").wireString, "RCPT TO:<b@example.com>\r\n")
        XCTAssertEqual(SMTPCommand.authPlain(username: "user", password: "pass").wireString, "AUTH PLAIN AHVzZXIAcGFzcw==\r\n")
        XCTAssertEqual(SMTPCommand.authLoginResponse("user").wireString, "dXNlcg==\r\n")
    }

    func testLogDescriptionsNeverContainSecretsOrContent() {
        XCTAssertEqual(SMTPCommand.authPlain(username: "user", password: "s3cret").logDescription, "AUTH PLAIN <redacted>")
        XCTAssertEqual(SMTPCommand.authLoginResponse("s3cret").logDescription, "<redacted>")
        XCTAssertEqual(SMTPCommand.messageContent("secret body").logDescription, "<message, 11 bytes>")
        XCTAssertEqual(SMTPCommand.mailFrom("a@example.com").logDescription, "MAIL FROM:<a@example.com>")
    }
}
