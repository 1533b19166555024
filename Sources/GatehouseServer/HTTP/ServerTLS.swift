import NIOSSL

/// The TLS the server speaks when given a certificate chain and its private key (PEM files):
/// TLS 1.2 and 1.3 with swift-nio-ssl's defaults, HTTP/1.1 inside.
enum ServerTLS {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The context for `configuration`'s files, or `nil` for plain HTTP.
    /// - Throws: ``Failure`` when only one file is given or a file cannot be read as PEM.
    static func context(_ configuration: GatehouseConfiguration) throws -> NIOSSLContext? {
        switch (configuration.tlsCertificatePath, configuration.tlsPrivateKeyPath) {
        case (nil, nil):
            return nil
        case let (certificate?, key?):
            do {
                let chain = try NIOSSLCertificate.fromPEMFile(certificate).map(NIOSSLCertificateSource.certificate)
                var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain,
                                                                   privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
                tls.minimumTLSVersion = .tlsv12
                return try NIOSSLContext(configuration: tls)
            } catch {
                throw Failure(description: "cannot use \(certificate) and \(key) for TLS: \(error)")
            }
        default:
            throw Failure(description: "TLS needs both --tls-certificate and --tls-private-key")
        }
    }
}
