import Logging

/// What an operation knows of the request besides its input.
public struct CallContext: Sendable {
    /// The region of the request: the SigV4 credential scope's, else the configured default.
    public let region: String
    public let accountID: String
    public let requestID: String
    public let logger: Logger
    /// The address the request came from (the connection's peer), as a device's last_ip_used shows it.
    public var sourceIPAddress: String? = nil
}
