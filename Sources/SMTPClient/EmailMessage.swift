/// A plain-text or HTML email to be sent with ``SMTPTransport``.
public struct EmailMessage: Sendable, Hashable {
    /// The author, used for the `From` header and the envelope sender (`MAIL FROM`).
    public var from: EmailAddress

    /// The recipients, used for the `To` header and the envelope (`RCPT TO`); at least one.
    public var to: [EmailAddress]

    /// Where replies should go, if not to ``from``.
    public var replyTo: EmailAddress?

    /// The subject; any Unicode text.
    public var subject: String

    /// The body; any Unicode text. Line endings are normalised to CRLF when rendered.
    public var body: String

    /// Whether ``body`` is HTML (`text/html`) rather than plain text (`text/plain`).
    public var isHTML: Bool

    /// Creates a message.
    public init(from: EmailAddress, to: [EmailAddress], replyTo: EmailAddress? = nil, subject: String, body: String,
                isHTML: Bool = false) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.body = body
        self.isHTML = isHTML
    }

    /// Creates a message with a single recipient.
    public init(from: EmailAddress, to: EmailAddress, replyTo: EmailAddress? = nil, subject: String, body: String,
                isHTML: Bool = false) {
        self.init(from: from, to: [to], replyTo: replyTo, subject: subject, body: body, isHTML: isHTML)
    }

    /// Throws ``SMTPError/Kind/invalidMessage`` unless the message has recipients and valid addresses.
    func validate() throws {
        guard !to.isEmpty else {
            throw SMTPError(.invalidMessage, "a message needs at least one recipient")
        }
        try from.validate()
        try replyTo?.validate()
        for recipient in to {
            try recipient.validate()
        }
    }
}
