/// The scopes an OAuth request is granted (docs/compatibility.md § Managed login).
public enum OAuthScopes {
    public static let openID = "openid"
    /// The scopes that name user attributes, which only come with `openid`.
    static let attributeScopes: Set<String> = ["email", "phone", "profile"]

    /// The scopes granted for `requested` (space-separated, as `scope` is sent), sorted: each must
    /// be one the client allows, and `email`, `phone` and `profile` come only with `openid`; blank
    /// is not a scope. Without `requested`, every scope the client allows.
    /// - Returns: `nil` when a scope is not granted: the request is refused with `invalid_scope`.
    public static func granted(_ requested: String?, allowed: [String]) -> [String]? {
        guard let requested else { return Array(Set(allowed)).sorted() }
        let scopes = Set(requested.split(separator: " ", omittingEmptySubsequences: true).map(String.init))
        guard !scopes.isEmpty, scopes.isSubset(of: allowed), scopes.contains(openID) || scopes.isDisjoint(with: attributeScopes) else { return nil }
        return scopes.sorted()
    }

    /// The scopes of `requested` that the client allows, sorted; every scope it allows without
    /// `requested`. The token endpoint's client_credentials grant ignores the others.
    public static func allowedPart(of requested: String?, allowed: [String]) -> [String] {
        guard let requested else { return Array(Set(allowed)).sorted() }
        return Set(requested.split(separator: " ").map(String.init)).intersection(allowed).sorted()
    }
}
