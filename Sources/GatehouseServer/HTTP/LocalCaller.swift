import Hummingbird
import HTTPTypes

/// Who may reach what only this machine should: the development endpoints and the metrics.
enum LocalCaller {
    /// Whether the request comes from this machine itself: a loopback peer that carries no
    /// forwarding header (a proxy on this machine passes on other machines' requests).
    static func isLocal(_ request: Request, _ context: GatehouseRequestContext) -> Bool {
        guard context.remoteAddress.map(AdminAuthorization.isLoopback) ?? false else { return false }
        return !forwardingHeaders.contains { request.headers[$0] != nil }
    }

    /// Whether a browser sent the request for a web page: it carries an Origin, or a Sec-Fetch-Site
    /// other than `none` (typed in the address bar). Tools (curl, the SDKs, `gatehouse`) send neither.
    static func isWebPage(_ request: Request) -> Bool {
        if request.headers[.origin] != nil { return true }
        return request.headers[secFetchSite].map { $0 != "none" } ?? false
    }

    static let forwardingHeaders = [HTTPField.Name.xForwardedFor, HTTPField.Name("Forwarded")!, HTTPField.Name("X-Real-IP")!]
    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!
}
