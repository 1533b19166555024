/// Where and how ``SMTPTransport`` delivers messages.
public struct SMTPConfiguration: Sendable {
    /// Host name or IP address of the SMTP server.
    public var host: String

    /// TCP port of the SMTP server.
    public var port: Int

    /// Whether and how the connection is encrypted.
    public var security: SMTPSecurity

    /// User name for SMTP authentication. When set, the transport authenticates with AUTH PLAIN, or with
    /// AUTH LOGIN if the server offers only that, and fails if the server offers neither.
    public var username: String?

    /// Password for SMTP authentication; required whenever ``username`` is set. Never logged and never
    /// part of ``description``.
    public var password: String?

    /// The name this client announces in `EHLO`; also the domain part of generated `Message-ID`s.
    /// Must be a domain name or an address literal such as `[192.0.2.1]`.
    public var heloName: String

    /// How the server's TLS certificate is verified (ignored with ``SMTPSecurity/plain``).
    public var certificateVerification: SMTPCertificateVerification

    /// Path of a PEM file with certificate authorities to trust in addition to the system's roots,
    /// for example the CA of an internal relay.
    public var additionalTrustedCAPath: String?

    /// Upper bound for one whole delivery: connecting, TLS handshakes, every command and the message.
    public var timeout: Duration

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - host: Host name or IP address of the SMTP server.
    ///   - port: TCP port; defaults to ``SMTPSecurity/defaultPort`` of `security`.
    ///   - security: Connection security; `STARTTLS` unless stated otherwise.
    ///   - username: User name for authentication, or `nil` to send without authenticating.
    ///   - password: Password for authentication; required when `username` is set.
    ///   - heloName: Name announced in `EHLO`.
    ///   - certificateVerification: How the server certificate is verified.
    ///   - additionalTrustedCAPath: PEM file with extra trusted certificate authorities.
    ///   - timeout: Upper bound for one whole delivery.
    public init(
        host: String,
        port: Int? = nil,
        security: SMTPSecurity = .startTLS,
        username: String? = nil,
        password: String? = nil,
        heloName: String = "localhost",
        certificateVerification: SMTPCertificateVerification = .full,
        additionalTrustedCAPath: String? = nil,
        timeout: Duration = .seconds(30)
    ) {
        self.host = host
        self.port = port ?? security.defaultPort
        self.security = security
        self.username = username
        self.password = password
        self.heloName = heloName
        self.certificateVerification = certificateVerification
        self.additionalTrustedCAPath = additionalTrustedCAPath
        self.timeout = timeout
    }

    /// Throws ``SMTPError/Kind/invalidConfiguration`` if the configuration cannot be used.
    func validate() throws {
        guard !host.isEmpty else {
            throw SMTPError(.invalidConfiguration, "host must not be empty")
        }
        guard (1...65535).contains(port) else {
            throw SMTPError(.invalidConfiguration, "port \(port) is out of range")
        }
        guard !heloName.isEmpty, heloName.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else {
            throw SMTPError(.invalidConfiguration, "heloName must be a domain name or address literal")
        }
        guard (username == nil) == (password == nil) else {
            throw SMTPError(.invalidConfiguration, "username and password must be set together")
        }
        guard timeout > .zero else {
            throw SMTPError(.invalidConfiguration, "timeout must be positive")
        }
    }
}

extension SMTPConfiguration: CustomStringConvertible {
    /// A summary for logs and debugging; the password is never included.
    public var description: String {
        var parts = ["\(host):\(port)", "security: \(security)", "heloName: \(heloName)"]
        if let username {
            parts.append("username: \(username)")
            parts.append("password: <redacted>")
        }
        if security != .plain {
            parts.append("certificateVerification: \(certificateVerification)")
        }
        if let additionalTrustedCAPath {
            parts.append("additionalTrustedCAPath: \(additionalTrustedCAPath)")
        }
        parts.append("timeout: \(timeout)")
        return "SMTPConfiguration(\(parts.joined(separator: ", ")))"
    }
}
