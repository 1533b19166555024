/// How strictly the server's TLS certificate is checked.
public enum SMTPCertificateVerification: Sendable, Hashable {
    /// The certificate must chain to a trusted root and match the configured host name (or IP address).
    case full

    /// Accept any certificate. The connection is encrypted but not authenticated, so it is open to
    /// man-in-the-middle attacks; meant for tests and relays on a trusted network only.
    case none
}
