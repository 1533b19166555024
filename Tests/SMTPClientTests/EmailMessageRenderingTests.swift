import Foundation
import XCTest

@testable import SMTPClient

final class EmailMessageRenderingTests: XCTestCase {
    private let date = Date(timeIntervalSince1970: 1_717_491_901) // Tue, 04 Jun 2024 09:05:01 UTC

    private func render(_ message: EmailMessage) throws -> String {
        try message.rendered(date: date, messageID: "<abc@gatehouse.test>")
    }

    private func message(
        subject: String = "Hello",
        body: String = "Hi",
        from: EmailAddress = EmailAddress("noreply@gatehouse.test", displayName: "Gatehouse"),
        to: [EmailAddress] = [EmailAddress("alice@example.com")],
        replyTo: EmailAddress? = nil
    ) -> EmailMessage {
        EmailMessage(from: from, to: to, replyTo: replyTo, subject: subject, body: body)
    }

    func testHeadersOfASimpleMessage() throws {
        let raw = try render(message(replyTo: EmailAddress("support@gatehouse.test", displayName: "Support \"Team\"")))
        let headerBlock = try XCTUnwrap(raw.components(separatedBy: "\r\n\r\n").first)
        XCTAssertEqual(headerBlock.components(separatedBy: "\r\n"), [
            "Date: Tue, 04 Jun 2024 09:05:01 +0000",
            "From: \"Gatehouse\" <noreply@gatehouse.test>",
            "To: <alice@example.com>",
            "Reply-To: \"Support \\\"Team\\\"\" <support@gatehouse.test>",
            "Subject: Hello",
            "Message-ID: <abc@gatehouse.test>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
        ])
        XCTAssertFalse(try render(message()).contains("Reply-To"))
    }

    func testAnHTMLMessageSaysSoInItsContentType() throws {
        var html = message(body: #"<a href="https://example.com/?a=1&b=2">Verify</a>"#)
        html.isHTML = true
        let raw = try render(html)
        XCTAssertTrue(raw.contains("\r\nContent-Type: text/html; charset=UTF-8\r\n"))
        XCTAssertFalse(raw.contains("text/plain"))
    }

    func testEveryLineEndsWithCRLFAndIsAtMost76Characters() throws {
        let raw = try render(message(
            subject: String(repeating: "Reset your password now ", count: 8) + "✓",
            body: String(repeating: "lorem ipsum dolor sit amet ", count: 40) + "\nä\rö\r\nü\n",
            to: (1...6).map { EmailAddress("user\($0)@example.com", displayName: "User Nümber \($0)") }
        ))
        XCTAssertTrue(raw.hasSuffix("\r\n"))
        let lines = raw.components(separatedBy: "\r\n").dropLast()
        for line in lines {
            XCTAssertFalse(line.contains("\r") || line.contains("\n"), "bare line break in \(line.debugDescription)")
            XCTAssertLessThanOrEqual(line.utf8.count, 76, line)
            XCTAssertFalse(!line.isEmpty && line.allSatisfy(\.isWhitespace), "white-space-only line")
        }
    }

    func testBodyIsBase64WrappedAt76WithNormalisedLineEndings() throws {
        let body = String(repeating: "0123456789", count: 20) + "\nzweite Zeile ä\rdritte\r\n.vierte"
        let raw = try render(message(body: body))
        let (_, encodedBody) = MIMEDecoding.split(raw)
        let lines = encodedBody.components(separatedBy: "\r\n").dropLast()
        XCTAssertTrue(encodedBody.hasSuffix("\r\n"))
        XCTAssertTrue(lines.dropLast().allSatisfy { $0.count == 76 })
        XCTAssertLessThanOrEqual(lines.last?.count ?? 0, 76)
        XCTAssertEqual(
            MIMEDecoding.base64Body(encodedBody),
            String(repeating: "0123456789", count: 20) + "\r\nzweite Zeile ä\r\ndritte\r\n.vierte"
        )
    }

    func testEmptyBody() throws {
        let raw = try render(message(body: ""))
        XCTAssertTrue(raw.hasSuffix("Content-Transfer-Encoding: base64\r\n\r\n"))
    }

    func testNonASCIISubjectIsEncodedAsUTF8EncodedWords() throws {
        let subject = "Passwort zurücksetzen ✓ — " + String(repeating: "Grüße ", count: 10) + "👋🏽"
        let raw = try render(message(subject: subject))
        let (headers, _) = MIMEDecoding.split(raw)
        let encoded = try XCTUnwrap(headers["subject"])
        XCTAssertTrue(encoded.hasPrefix("=?UTF-8?B?"))
        XCTAssertFalse(encoded.contains("ü"))
        XCTAssertEqual(MIMEDecoding.decodeEncodedWords(encoded), subject)
        for word in encoded.split(separator: " ") {
            XCTAssertLessThanOrEqual(word.count, 75)
            let payload = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
            let bytes = try XCTUnwrap(Data(base64Encoded: String(payload)))
            XCTAssertNotNil(String(data: bytes, encoding: .utf8), "encoded word splits a character")
        }
    }

    func testSubjectThatLooksLikeAnEncodedWordOrContainsLineBreaksIsEncoded() throws {
        for subject in ["=?UTF-8?B?SGk=?=", "Hi\r\nBcc: eve@example.com"] {
            let raw = try render(message(subject: subject))
            XCTAssertFalse(raw.contains("Bcc:"))
            XCTAssertEqual(MIMEDecoding.decodeEncodedWords(try XCTUnwrap(MIMEDecoding.split(raw).headers["subject"])), subject)
        }
    }

    func testLongASCIISubjectIsFoldedAtSpaces() throws {
        let subject = (1...30).map { "word\($0)" }.joined(separator: " ")
        let raw = try render(message(subject: subject))
        let subjectLines = raw.components(separatedBy: "\r\n").drop { !$0.hasPrefix("Subject:") }.prefix { !$0.hasPrefix("Message-ID:") }
        XCTAssertGreaterThan(subjectLines.count, 1)
        XCTAssertTrue(subjectLines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        XCTAssertEqual(MIMEDecoding.split(raw).headers["subject"], subject)
    }

    func testNonASCIIDisplayNamesAreEncodedAndListsAreCommaSeparated() throws {
        let raw = try render(message(
            from: EmailAddress("noreply@gatehouse.test", displayName: "Gätehouse"),
            to: [EmailAddress("alice@example.com", displayName: "Alice"), EmailAddress("bob@example.com")]
        ))
        let (headers, _) = MIMEDecoding.split(raw)
        XCTAssertEqual(headers["from"], "=?UTF-8?B?R8OkdGVob3VzZQ==?= <noreply@gatehouse.test>")
        XCTAssertEqual(headers["to"], "\"Alice\" <alice@example.com>, <bob@example.com>")
    }

    func testInvalidAddressesAreRejected() {
        for address in ["", "alice", "@example.com", "alice@", "al ice@example.com", "alice@example.com\r\nRCPT TO:<x@y>", "a<b@example.com", "jöran@example.com"] {
            XCTAssertThrowsError(try render(message(to: [EmailAddress(address)])), address.debugDescription) { error in
                XCTAssertEqual((error as? SMTPError)?.kind, .invalidMessage)
            }
        }
        XCTAssertThrowsError(try render(message(to: []))) { error in
            XCTAssertEqual((error as? SMTPError)?.kind, .invalidMessage)
        }
    }

    func testMessageIDsAreRandomAndUseTheDomain() {
        let first = EmailMessage.makeMessageID(domain: "gatehouse.test")
        let second = EmailMessage.makeMessageID(domain: "gatehouse.test")
        XCTAssertNotEqual(first, second)
        XCTAssertNotNil(first.wholeMatch(of: /<[0-9a-f]{32}@gatehouse\.test>/))
    }

    func testDateFormat() {
        XCTAssertEqual(EmailMessage.rfc5322Date(Date(timeIntervalSince1970: 0)), "Thu, 01 Jan 1970 00:00:00 +0000")
        XCTAssertEqual(EmailMessage.rfc5322Date(Date(timeIntervalSince1970: 1_740_787_199)), "Fri, 28 Feb 2025 23:59:59 +0000")
    }
}
