import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore

/// Renders the console's pages from ``ConsoleTemplates`` with the managed login pages' security
/// headers (no framing, no caching, no sniffing, no referrer).
struct ConsolePages: Sendable {
    let library: MustacheLibrary

    init() {
        var library = MustacheLibrary()
        for (name, text) in ConsoleTemplates.all {
            // The templates are constants of this program: one that does not parse is a programming error.
            try! library.register(text, named: name)
        }
        self.library = library
    }

    func render(_ template: String, _ view: [String: Any], status: HTTPResponse.Status = .ok, cookies: [String] = []) -> Response {
        var headers = ManagedLoginPages.securityHeaders
        for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        let html = library.render(view, withTemplate: template) ?? ""
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A time of the API's output (seconds since 1970) as the pages show it.
    static func date(_ value: Any?) -> String {
        guard let seconds = value as? Double ?? (value as? Int).map(Double.init) else { return "" }
        return Date(timeIntervalSince1970: seconds).formatted(.iso8601)
    }
}
