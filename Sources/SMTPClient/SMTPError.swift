/// The error thrown by ``SMTPTransport/send(_:)``.
///
/// When the server refused a command, ``reply`` holds its answer, for example
/// `535 5.7.8 Authentication credentials invalid`.
public struct SMTPError: Error, Sendable {
    /// The broad cause of an ``SMTPError``.
    public enum Kind: Sendable, Hashable {
        /// The configuration is unusable (for example an unreadable CA file or a password without user name).
        case invalidConfiguration
        /// The message cannot be sent as given (for example an address containing line breaks).
        case invalidMessage
        /// No TCP connection to the server could be established.
        case connectionFailed
        /// The connection was closed before the exchange was complete.
        case connectionClosed
        /// The exchange did not complete within ``SMTPConfiguration/timeout``.
        case timeout
        /// The TLS handshake or the encrypted connection failed, including certificate verification.
        case tlsFailure
        /// The server's replies did not follow the SMTP protocol.
        case protocolViolation
        /// The server lacks a required capability, such as `STARTTLS` or a supported AUTH mechanism.
        case unsupportedByServer
        /// The server answered a command with an unexpected reply code; see ``SMTPError/reply``.
        case rejectedByServer
    }

    /// The broad cause.
    public let kind: Kind

    /// What went wrong, in words; never contains credentials or message content.
    public let message: String

    /// The server's reply, when the server refused a command.
    public let reply: SMTPReply?

    /// The lower-level error that caused this one, if any (for example a NIO or TLS error).
    public let underlyingError: (any Error)?

    /// The reply code of a server refusal, such as `535`.
    public var replyCode: Int? { reply?.code }

    /// The reply text of a server refusal, such as `5.7.8 Authentication credentials invalid`.
    public var replyText: String? { reply?.text }

    init(_ kind: Kind, _ message: String, reply: SMTPReply? = nil, underlyingError: (any Error)? = nil) {
        self.kind = kind
        self.message = message
        self.reply = reply
        self.underlyingError = underlyingError
    }
}

extension SMTPError: CustomStringConvertible {
    /// For example `authentication failed: 535 5.7.8 Authentication credentials invalid`.
    public var description: String {
        if let reply {
            return "\(message): \(reply)"
        }
        if let underlyingError {
            return "\(message): \(underlyingError)"
        }
        return message
    }
}
