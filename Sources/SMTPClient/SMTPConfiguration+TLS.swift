import NIOCore
import NIOSSL

extension SMTPConfiguration {
    /// A client TLS context honouring ``certificateVerification`` and ``additionalTrustedCAPath``.
    func makeTLSContext() throws -> NIOSSLContext {
        var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
        switch certificateVerification {
        case .full:
            tlsConfiguration.certificateVerification = .fullVerification
        case .none:
            tlsConfiguration.certificateVerification = .none
        }
        if let additionalTrustedCAPath {
            tlsConfiguration.additionalTrustRoots = [.file(additionalTrustedCAPath)]
        }
        do {
            return try NIOSSLContext(configuration: tlsConfiguration)
        } catch {
            throw SMTPError(.invalidConfiguration, "cannot create the TLS context", underlyingError: error)
        }
    }

    /// The name sent for SNI and checked against the certificate: `nil` when ``host`` is an IP address,
    /// in which case the certificate is checked against the peer's address instead.
    var tlsServerHostname: String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }
}
