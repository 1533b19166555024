import HTTPTypes
import Hummingbird
import Mustache
import NIOCore

/// Renders the managed login pages from ``ManagedLoginTemplates``, with ``HTMLPage``'s headers
/// (no referrer matters most here: the query holds the authorize request).
struct ManagedLoginPages: Sendable {
    let library = HTMLPage.library(ManagedLoginTemplates.all)

    /// The page `template` rendered with `view` and the request's ``PageBranding/current``, with `cookies`.
    func render(_ template: String, _ view: Any, status: HTTPResponse.Status = .ok, cookies: [String] = []) -> Response {
        HTMLPage.response(library.render(PageContext(view: view, branding: PageBranding.current), withTemplate: template) ?? "",
                          status: status, cookies: cookies)
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
