import Foundation

/// A command sent to the SMTP server, together with how it may appear in logs.
enum SMTPCommand: Sendable {
    case ehlo(String)
    case startTLS
    /// `AUTH PLAIN` with the initial response (RFC 4616).
    case authPlain(username: String, password: String)
    /// `AUTH LOGIN`, answered by two ``authLoginResponse(_:)`` commands.
    case authLogin
    /// A user name or password answering an `AUTH LOGIN` challenge; sent base64-encoded.
    case authLoginResponse(String)
    case mailFrom(String)
    case recipient(String)
    case data
    /// The message after `DATA`: dot-stuffed and terminated by `<CRLF>.<CRLF>` (RFC 5321 section 4.5.2).
    case messageContent(String)
    case quit

    /// The exact text written to the connection, including the final CRLF.
    var wireString: String {
        switch self {
        case .ehlo(let name): "EHLO \(name)\r\n"
        case .startTLS: "STARTTLS\r\n"
        case .authPlain(let username, let password): "AUTH PLAIN \(Self.base64("\0\(username)\0\(password)"))\r\n"
        case .authLogin: "AUTH LOGIN\r\n"
        case .authLoginResponse(let value): "\(Self.base64(value))\r\n"
        case .mailFrom(let address): "MAIL FROM:<\(address)>\r\n"
        case .recipient(let address): "RCPT TO:<\(address)>\r\n"
        case .data: "DATA\r\n"
        case .messageContent(let content): Self.dotStuffed(content) + ".\r\n"
        case .quit: "QUIT\r\n"
        }
    }

    /// A rendering for logs that never contains credentials or message content.
    var logDescription: String {
        switch self {
        case .authPlain: "AUTH PLAIN <redacted>"
        case .authLoginResponse: "<redacted>"
        case .messageContent(let content): "<message, \(content.utf8.count) bytes>"
        default: String(wireString.unicodeScalars.dropLast(2))
        }
    }

    /// Applies SMTP transparency: doubles a `.` that starts a line and makes sure the text ends with CRLF,
    /// so that appending `.\r\n` terminates the data.
    static func dotStuffed(_ content: String) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(content.utf8.count + 8)
        var atLineStart = true
        for byte in content.utf8 {
            if atLineStart && byte == UInt8(ascii: ".") {
                result.append(UInt8(ascii: "."))
            }
            result.append(byte)
            atLineStart = byte == UInt8(ascii: "\n")
        }
        let crlf: [UInt8] = [UInt8(ascii: "\r"), UInt8(ascii: "\n")]
        if !result.isEmpty && !result.suffix(2).elementsEqual(crlf) {
            result.append(contentsOf: crlf)
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static func base64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
    }
}
