/// How the connection to the SMTP server is protected.
public enum SMTPSecurity: Sendable, Hashable {
    /// Unencrypted SMTP. Credentials and messages travel in clear text; use only on trusted networks.
    case plain

    /// Connect unencrypted, then upgrade with `STARTTLS` (RFC 3207) before authenticating or sending.
    ///
    /// Sending fails if the server does not advertise `STARTTLS`; there is no silent fallback to plain text.
    case startTLS

    /// Implicit TLS from the first byte ("SMTPS", RFC 8314), usually on port 465.
    case tls

    /// The port conventionally used with this kind of security: 25, 587 or 465.
    public var defaultPort: Int {
        switch self {
        case .plain: 25
        case .startTLS: 587
        case .tls: 465
        }
    }
}
