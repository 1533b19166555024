import Foundation
import GatehouseCore
import SMTPClient

/// Delivers emails to an SMTP relay (``GatehouseConfiguration/smtpURL``): the message's From
/// (the pool's sender, `Name <address>` or a bare address), Reply-To, To, subject and body.
struct SMTPRelay: MessageTransport {
    struct InvalidURL: Error, CustomStringConvertible {
        let description: String
    }

    let transport: SMTPTransport

    /// `url` without what stands between `://` and an `@` (the user and password), for messages.
    static func redacted(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].lastIndex(of: "@") else { return url }
        return String(url[..<scheme.upperBound]) + "…" + String(url[at...])
    }

    /// - Parameters:
    ///   - url: `smtp://`, `smtp+starttls://` or `smtps://`, with `user:password@` (percent-encoded)
    ///     for AUTH, and `host[:port]` (25, 587 or 465 by default).
    ///   - insecure: accept any certificate.
    /// - Throws: ``InvalidURL`` for a URL of another form.
    init(url: String, insecure: Bool) throws {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
            throw InvalidURL(description: "the SMTP URL \(Self.redacted(url)) has no host")
        }
        let security: SMTPSecurity
        switch components.scheme {
        case "smtp": security = .plain
        case "smtp+starttls": security = .startTLS
        case "smtps": security = .tls
        default: throw InvalidURL(description: "the SMTP URL must start with smtp://, smtp+starttls:// or smtps://")
        }
        transport = SMTPTransport(configuration: SMTPConfiguration(
            host: host, port: components.port, security: security, username: components.user?.removingPercentEncoding,
            password: components.password?.removingPercentEncoding, heloName: "gatehouse",
            certificateVerification: insecure ? .none : .full))
    }

    /// Sends the message as HTML, as Cognito sends its emails (their templates may hold HTML, and a
    /// sign-up link is an HTML link).
    func deliver(_ message: OutboxMessage) async throws {
        try await transport.send(EmailMessage(
            from: Self.address(message.from ?? UserPoolMessages.defaultSender), to: EmailAddress(message.to),
            replyTo: message.replyTo.map(Self.address), subject: message.subject ?? "", body: message.body, isHTML: true))
    }

    /// `Name <address>` as an address with a display name; anything else as a bare address.
    static func address(_ text: String) -> EmailAddress {
        guard text.hasSuffix(">"), let open = text.lastIndex(of: "<") else { return EmailAddress(text) }
        let name = text[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        return EmailAddress(String(text[text.index(after: open)..<text.index(before: text.endIndex)]),
                            displayName: name.isEmpty ? nil : name)
    }
}
