import Foundation

/// Where an OAuth answer goes back to: the client's redirect URI, with the answer's parameters in
/// the query (the code flow) or the fragment (the implicit flow), and the request's `state`.
public struct OAuthRedirect: Sendable, Equatable {
    public var uri: String
    public var inFragment: Bool
    public var state: String?

    public init(uri: String, inFragment: Bool, state: String?) {
        self.uri = uri
        self.inFragment = inFragment
        self.state = state
    }

    /// The URL with `parameters`, then `state`, added in that order.
    public func location(_ parameters: [(String, String)]) -> String {
        var pairs = parameters
        if let state { pairs.append(("state", state)) }
        let encoded = pairs.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        if inFragment { return "\(uri)#\(encoded)" }
        return uri + (uri.contains("?") ? "&" : "?") + encoded
    }

    /// A refusal as Cognito sends it: `error_description`, `state`, then `error=invalid_request`.
    public func error(description: String) -> String {
        var pairs = [("error_description", description)]
        if let state { pairs.append(("state", state)) }
        pairs.append(("error", "invalid_request"))
        return OAuthRedirect(uri: uri, inFragment: inFragment, state: nil).location(pairs)
    }

    /// `value` encoded for a query or form, as Cognito writes its parameters: a space as `+`,
    /// everything else but unreserved characters percent-encoded.
    public static func encode(_ value: String) -> String {
        (value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value).replacingOccurrences(of: "%20", with: "+")
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
