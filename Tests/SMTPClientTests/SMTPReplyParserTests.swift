import NIOCore
import XCTest

@testable import SMTPClient

final class SMTPReplyParserTests: XCTestCase {
    private func parse(_ chunks: [String], with parser: inout SMTPReplyParser) throws -> [SMTPReply] {
        var replies: [SMTPReply] = []
        for chunk in chunks {
            var buffer = ByteBuffer(string: chunk)
            replies += try parser.parse(&buffer)
        }
        return replies
    }

    func testMultiLineRepliesSplitAcrossChunks() throws {
        var parser = SMTPReplyParser()
        let replies = try parse(
            ["220 smtp.test ESMTP\r\n250-smtp.te", "st\r\n250-STARTTLS\r", "\n250 AUTH PLAIN LOGIN\r\n354\r\n"],
            with: &parser
        )
        XCTAssertEqual(replies, [
            SMTPReply(code: 220, lines: ["smtp.test ESMTP"]),
            SMTPReply(code: 250, lines: ["smtp.test", "STARTTLS", "AUTH PLAIN LOGIN"]),
            SMTPReply(code: 354, lines: [""]),
        ])
        XCTAssertFalse(parser.hasBufferedInput)
    }

    func testIncompleteReplyIsBuffered() throws {
        var parser = SMTPReplyParser()
        XCTAssertEqual(try parse(["250-first\r\n"], with: &parser), [])
        XCTAssertTrue(parser.hasBufferedInput)
        XCTAssertEqual(try parse(["250 last\n"], with: &parser), [SMTPReply(code: 250, lines: ["first", "last"])])
    }

    func testMalformedInputIsRejected() {
        for input in ["hello\r\n", "25\r\n", "250x\r\n", "650 no\r\n", "250-a\r\n251 b\r\n", String(repeating: "2", count: 5000)] {
            var parser = SMTPReplyParser()
            XCTAssertThrowsError(try parse([input], with: &parser), input.prefix(20).debugDescription) { error in
                XCTAssertEqual((error as? SMTPError)?.kind, .protocolViolation)
            }
        }
    }

    func testReplyDescriptionAndCapabilities() {
        let reply = SMTPReply(code: 250, lines: ["smtp.test", "starttls", "AUTH login PLAIN", "SIZE 1000"])
        let capabilities = SMTPCapabilities(ehloReply: reply)
        XCTAssertTrue(capabilities.supports("STARTTLS"))
        XCTAssertFalse(capabilities.supports("SMTP.TEST"))
        XCTAssertEqual(capabilities.authMechanisms, ["LOGIN", "PLAIN"])
        XCTAssertEqual(SMTPReply(code: 535, lines: ["5.7.8 Authentication failed"]).description, "535 5.7.8 Authentication failed")
    }
}
