import Foundation

/// Rendering of an ``EmailMessage`` as an Internet message (RFC 5322) with a single MIME text part
/// (RFC 2045), ready to be sent after `DATA`.
extension EmailMessage {
    /// Lines of headers that contain encoded words may not exceed this length (RFC 2047 section 2); it is
    /// used as the folding width for every header.
    static let maximumHeaderLineLength = 76

    /// Length of the base64 body lines (RFC 2045 section 6.8).
    static let base64LineLength = 76

    /// UTF-8 bytes per encoded word: 39 bytes become 52 base64 characters, so that an encoded word
    /// (`=?UTF-8?B?` + 52 + `?=`) is 64 characters and fits on a line after any header name used here.
    static let encodedWordPayloadBytes = 39

    /// Renders the message with CRLF line endings: headers, an empty line, and the base64-encoded UTF-8 body.
    ///
    /// - Parameters:
    ///   - date: The value of the `Date` header.
    ///   - messageID: The value of the `Message-ID` header including angle brackets; see ``makeMessageID(domain:)``.
    /// - Throws: ``SMTPError/Kind/invalidMessage`` if an address is invalid.
    func rendered(date: Date, messageID: String) throws -> String {
        try validate()
        var headers = [
            "Date: \(Self.rfc5322Date(date))",
            Self.foldedHeader("From", tokens: Self.mailboxTokens(from)),
            Self.foldedHeader("To", tokens: Self.mailboxListTokens(to)),
        ]
        if let replyTo {
            headers.append(Self.foldedHeader("Reply-To", tokens: Self.mailboxTokens(replyTo)))
        }
        headers += [
            Self.foldedHeader("Subject", tokens: Self.unstructuredTokens(subject)),
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
            "Content-Type: text/\(isHTML ? "html" : "plain"); charset=UTF-8",
            "Content-Transfer-Encoding: base64",
        ]
        let bodyLines = Self.base64Lines(Self.normalizingLineEndings(body))
        return (headers + [""] + bodyLines).map { $0 + "\r\n" }.joined()
    }

    /// A new globally unique message identifier, such as `<5f0c…e1@example.com>`.
    static func makeMessageID(domain: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<16)
            .map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            .map { String($0 >> 4, radix: 16) + String($0 & 0x0F, radix: 16) }
            .joined()
        return "<\(random)@\(domain)>"
    }

    /// Formats `date` in UTC as RFC 5322 section 3.3 requires, for example `Tue, 04 Jun 2024 09:05:01 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let c = calendar.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
        func twoDigits(_ value: Int?) -> String {
            let value = value ?? 0
            return value < 10 ? "0\(value)" : "\(value)"
        }
        let weekday = weekdays[(c.weekday ?? 1) - 1]
        let month = months[(c.month ?? 1) - 1]
        let time = "\(twoDigits(c.hour)):\(twoDigits(c.minute)):\(twoDigits(c.second))"
        return "\(weekday), \(twoDigits(c.day)) \(month) \(c.year ?? 1970) \(time) +0000"
    }

    /// Joins `tokens` after `name:` with single spaces, folding (CRLF + space) before a token that would make
    /// the line longer than ``maximumHeaderLineLength``. Empty tokens stand for extra spaces and are never
    /// folded before, so that no line consists of white space only.
    static func foldedHeader(_ name: String, tokens: [String]) -> String {
        var lines: [String] = []
        var line = "\(name):"
        var lineHasToken = false
        for token in tokens {
            if lineHasToken, !token.isEmpty, line.utf8.count + 1 + token.utf8.count > maximumHeaderLineLength {
                lines.append(line)
                line = ""
            }
            line += " " + token
            lineHasToken = lineHasToken || !token.isEmpty
        }
        lines.append(line)
        return lines.joined(separator: "\r\n")
    }

    /// Tokens for unstructured text such as a subject: the words of printable ASCII text, or RFC 2047
    /// encoded words when the text contains anything else, `=?` (which would read as an encoded word) or a
    /// word too long to fit on a header line.
    static func unstructuredTokens(_ text: String) -> [String] {
        if canAppearVerbatim(text) {
            return text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        }
        return encodedWords(text)
    }

    /// Tokens for `"Display Name" <address>`, or `<address>` alone without a display name.
    static func mailboxTokens(_ mailbox: EmailAddress) -> [String] {
        guard let name = mailbox.displayName, !name.isEmpty else {
            return ["<\(mailbox.address)>"]
        }
        let phrase: [String]
        if canAppearVerbatim(name) {
            let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            phrase = ["\"\(escaped)\""]
        } else {
            phrase = encodedWords(name)
        }
        return phrase + ["<\(mailbox.address)>"]
    }

    /// Tokens for a comma-separated list of mailboxes.
    static func mailboxListTokens(_ mailboxes: [EmailAddress]) -> [String] {
        var tokens: [String] = []
        for (index, mailbox) in mailboxes.enumerated() {
            var mailboxTokens = mailboxTokens(mailbox)
            if index < mailboxes.count - 1 {
                mailboxTokens[mailboxTokens.count - 1] += ","
            }
            tokens += mailboxTokens
        }
        return tokens
    }

    /// Splits `text` into RFC 2047 `B`-encoded UTF-8 words of at most ``encodedWordPayloadBytes`` bytes each,
    /// never splitting a Unicode scalar across two words.
    static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        func flush() {
            words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
            chunk.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > encodedWordPayloadBytes {
                flush()
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty {
            flush()
        }
        return words
    }

    /// The UTF-8 bytes of `text` with every line ending (CRLF, bare LF or bare CR) turned into CRLF.
    static func normalizingLineEndings(_ text: String) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\r"):
                result += [UInt8(ascii: "\r"), UInt8(ascii: "\n")]
                previousWasCR = true
                continue
            case UInt8(ascii: "\n") where previousWasCR:
                break
            case UInt8(ascii: "\n"):
                result += [UInt8(ascii: "\r"), UInt8(ascii: "\n")]
            default:
                result.append(byte)
            }
            previousWasCR = false
        }
        return result
    }

    /// `bytes` in base64, split into lines of ``base64LineLength`` characters (without line endings).
    static func base64Lines(_ bytes: [UInt8]) -> [String] {
        let encoded = Array(Data(bytes).base64EncodedString().utf8)
        return stride(from: 0, to: encoded.count, by: base64LineLength).map { start in
            String(decoding: encoded[start..<min(start + base64LineLength, encoded.count)], as: UTF8.self)
        }
    }

    /// Whether `text` may appear in a header as it is (quoted if need be): printable ASCII, no `=?`, and
    /// no word longer than an encoded word, so that folding keeps lines short.
    private static func canAppearVerbatim(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) }
            && !text.contains("=?")
            && text.split(separator: " ").allSatisfy { $0.utf8.count <= 64 }
    }
}
