import Foundation

/// The `Host` names a server answers to, so that a web page whose domain an attacker points at
/// 127.0.0.1 (DNS rebinding) cannot reach a server on the visitor's machine: IP addresses (a
/// rebinding needs a name), `localhost` and names under `.localhost`, and the names the server is
/// told (its public name, the issuer URL's host). Names compare without case; ports are ignored.
public struct HostAllowList: Sendable {
    private let names: Set<String>
    /// Hosts under this name are answered too: pool domains' (``DomainAddressing``).
    private let domainSuffix: String?

    /// - Parameters:
    ///   - names: names besides the loopback ones, with or without a port.
    ///   - domainBase: the base of the pool domains' host names.
    public init(names: [String], domainBase: String? = nil) {
        self.names = Set(names.map { Self.hostname(of: $0) })
        domainSuffix = domainBase.map { "." + $0.lowercased() }
    }

    /// Whether a request whose `Host` (its authority) is `authority` is answered; one without
    /// a `Host` is (HTTP/1.0 has none, and a browser always sends it).
    public func allows(_ authority: String?) -> Bool {
        guard let authority else { return true }
        let host = Self.hostname(of: authority)
        return host == "localhost" || host.hasSuffix(".localhost") || Self.isIPAddress(host) || names.contains(host)
            || domainSuffix.map(host.hasSuffix) == true
    }

    /// The host of an authority: lowercased, without its port, an IPv6 literal without brackets.
    public static func hostname(of authority: String) -> String {
        let lowered = authority.lowercased()
        if lowered.hasPrefix("["), let close = lowered.firstIndex(of: "]") {
            return String(lowered[lowered.index(after: lowered.startIndex)..<close])
        }
        return String(lowered.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }

    /// An IPv4 or IPv6 address (brackets removed), as the system's `inet_pton` reads one.
    static func isIPAddress(_ host: String) -> Bool {
        var address = in6_addr()
        return inet_pton(AF_INET, host, &address) == 1 || inet_pton(AF_INET6, host, &address) == 1
    }
}
