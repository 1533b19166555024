import Logging
import NIOCore

/// What an operation knows of the request besides its input.
public struct CallContext: Sendable {
    /// The region of the request: the SigV4 credential scope's, else the configured default.
    public let region: String
    public let accountID: String
    public let requestID: String
    public let logger: Logger
    /// The connection's peer: where the request came from.
    public var peer: SocketAddress? = nil

    /// The peer's IP address as text, as a device's last_ip_used shows it; made only when asked.
    public var sourceIPAddress: String? { peer?.ipAddress }
}
