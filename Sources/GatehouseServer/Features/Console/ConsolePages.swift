import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore

/// Renders the console's pages from ``ConsoleTemplates``, with ``HTMLPage``'s headers.
struct ConsolePages: Sendable {
    let library = HTMLPage.library(ConsoleTemplates.all)

    func render(_ template: String, _ view: [String: Any], status: HTTPResponse.Status = .ok, cookies: [String] = []) -> Response {
        HTMLPage.response(library.render(view, withTemplate: template) ?? "", status: status, cookies: cookies)
    }

    /// A time of the API's output (seconds since 1970) as the pages show it.
    static func date(_ value: Any?) -> String {
        guard let seconds = value as? Double ?? (value as? Int).map(Double.init) else { return "" }
        return Date(timeIntervalSince1970: seconds).formatted(.iso8601)
    }
}
