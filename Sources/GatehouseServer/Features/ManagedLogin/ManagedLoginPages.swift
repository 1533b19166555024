import HTTPTypes
import Hummingbird
import Mustache
import NIOCore

/// Renders the managed login pages from ``ManagedLoginTemplates``, with the headers every page
/// carries: no framing (clickjacking), no caching, no sniffing, no referrer (the query holds the
/// authorize request).
struct ManagedLoginPages: Sendable {
    let library: MustacheLibrary

    init() {
        var library = MustacheLibrary()
        for (name, text) in ManagedLoginTemplates.all {
            // The templates are constants of this program: one that does not parse is a programming error.
            try! library.register(text, named: name)
        }
        self.library = library
    }

    static let securityHeaders: HTTPFields = [
        .contentType: "text/html; charset=utf-8",
        .cacheControl: "no-store",
        HTTPField.Name("X-Frame-Options")!: "DENY",
        .contentSecurityPolicy: "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
        HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        HTTPField.Name("Referrer-Policy")!: "no-referrer",
    ]

    /// The page `template` rendered with `view` and the request's ``PageBranding/current``, with
    /// ``securityHeaders`` and `cookies`.
    func render(_ template: String, _ view: Any, status: HTTPResponse.Status = .ok, cookies: [String] = []) -> Response {
        var headers = Self.securityHeaders
        for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        let html = library.render(PageContext(view: view, branding: PageBranding.current), withTemplate: template) ?? ""
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A redirect (302) to `location`, with `cookies`.
    static func redirect(to location: String, cookies: [String] = []) -> Response {
        var headers: HTTPFields = [.location: location, .cacheControl: "no-store"]
        for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return Response(status: .found, headers: headers)
    }
}

/// What a page renders: its view, and the branding its layout shows.
struct PageContext {
    let view: Any
    let branding: PageBranding?
}

/// The branding of the pages a request shows: the app client's (from the request's `client_id`),
/// else the pool's. Set for the request by ``ManagedLoginFeature``'s routes, as a task-local value
/// that every page the request renders reads.
struct PageBranding: Sendable {
    /// The stylesheet with the customization's CSS.
    var stylesheet: String?
    var logoURL: String?

    @TaskLocal static var current: PageBranding?
}

/// A page's view that can show an error above its form.
protocol PageView {
    var error: String? { get set }
}

/// What the error page shows.
struct ErrorView {
    let error: String?
}
