import HTTPTypes
import Hummingbird
import Mustache
import NIOCore

/// What the server's HTML pages (managed login, the console) share: their templates' library, redirects, and
/// the headers every page carries: no framing (clickjacking), no caching, no sniffing, no referrer.
enum HTMLPage {
    static let securityHeaders: HTTPFields = [
        .contentType: "text/html; charset=utf-8",
        .cacheControl: "no-store",
        HTTPField.Name("X-Frame-Options")!: "DENY",
        .contentSecurityPolicy: "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
        HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        HTTPField.Name("Referrer-Policy")!: "no-referrer",
    ]

    /// A library of `templates`, by name.
    static func library(_ templates: [String: String]) -> MustacheLibrary {
        var library = MustacheLibrary()
        for (name, text) in templates {
            // The templates are constants of this program: one that does not parse is a programming error.
            try! library.register(text, named: name)
        }
        return library
    }

    /// `html` as a response with ``securityHeaders`` and `cookies`.
    static func response(_ html: String, status: HTTPResponse.Status, cookies: [String]) -> Response {
        var headers = securityHeaders
        for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A redirect (302) to `location`, with `cookies`.
    static func redirect(to location: String, cookies: [String] = []) -> Response {
        var headers: HTTPFields = [.location: location, .cacheControl: "no-store"]
        for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return Response(status: .found, headers: headers)
    }
}
