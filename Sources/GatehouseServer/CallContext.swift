import GatehouseCore
import HTTPTypes
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
    /// The request's X-Forwarded-For, kept only when the server trusts proxies.
    public var forwardedFor: String? = nil
    /// The proxies whose X-Forwarded-For the server takes (``GatehouseConfiguration/trustedProxies``).
    public var trustedProxies: [IPAddressRange] = []

    /// The client's IP address as text, as a device's last_ip_used and an authentication event
    /// show it: the peer's, or behind a trusted proxy the one it forwarded for (``ForwardedClient``);
    /// made only when asked.
    public var sourceIPAddress: String? {
        ForwardedClient.address(peer: peer?.ipAddress, forwardedFor: forwardedFor, trustedProxies: trustedProxies)
    }
}

extension HTTPField.Name {
    /// The client address a proxy forwarded the request for, read behind trusted proxies only.
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
