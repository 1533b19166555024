import Foundation

/// Where a pool's domain answers (docs/compatibility.md § Managed login): on the host
/// `<domain>.auth.<region>.<base>` (Cognito's `<prefix>.auth.<region>.amazoncognito.com`, with a
/// base such as `localhost`, which browsers resolve to this machine themselves), and under the
/// path `/_domain/<domain>` on any host this server answers to (for clients that cannot resolve
/// such names).
public struct DomainAddressing: Sendable, Equatable {
    /// The path prefix of the path form.
    public static let pathPrefix = "/_domain/"

    /// The base of the host form.
    public let base: String
    /// Whether the URLs the server hands out (the discovery document's) use the host form;
    /// otherwise the path form under ``issuerBaseURL``.
    public let listsHostForm: Bool
    /// The server's own URL, `scheme://host:port`: its scheme and port serve the host form too.
    public let issuerBaseURL: String

    public init(base: String, listsHostForm: Bool, issuerBaseURL: String) {
        self.base = base.lowercased()
        self.listsHostForm = listsHostForm
        self.issuerBaseURL = issuerBaseURL
    }

    /// The domain name and region a `Host` names in the host form, or `nil`.
    public func domain(ofHost authority: String?) -> (name: String, region: String)? {
        guard let authority else { return nil }
        let host = HostAllowList.hostname(of: authority)
        guard host.hasSuffix("." + base) else { return nil }
        let labels = host.dropLast(base.count + 1).split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count == 3, labels[1] == "auth", !labels[0].isEmpty, !labels[2].isEmpty else { return nil }
        return (String(labels[0]), String(labels[2]))
    }

    /// The URL of the domain `name` of a pool of `region`, without a trailing slash.
    public func url(of name: String, region: String) -> String {
        guard listsHostForm, let components = URLComponents(string: issuerBaseURL), let scheme = components.scheme else {
            return issuerBaseURL + Self.pathPrefix + name
        }
        let port = components.port.map { ":\($0)" } ?? ""
        return "\(scheme)://\(name).auth.\(region).\(base)\(port)"
    }

    /// Whether cookies for `authority` may leave out `Secure`: only when the server speaks plain HTTP
    /// and the browser is on this machine (`localhost`, `*.localhost`, a loopback address), which
    /// browsers treat as a secure context. Elsewhere over plain HTTP the cookies keep `Secure`, and
    /// a browser does not keep them: managed login needs HTTPS there.
    public func cookiesMayBeInsecure(authority: String?) -> Bool {
        guard issuerBaseURL.hasPrefix("http://"), let authority else { return false }
        let host = HostAllowList.hostname(of: authority)
        return host == "localhost" || host.hasSuffix(".localhost") || host == "::1" || host.hasPrefix("127.")
    }
}
