import AWSWire

/// What a PreTokenGeneration function changes in the tokens of one sign-in or refresh: claims
/// added, overridden or suppressed (V1_0: the ID token's; V2_0 and V3_0: each token's), scopes
/// added or suppressed in the access token, and the groups and roles both tokens show. Claims that
/// identify the token and its user stay as Cognito made them.
public struct TokenCustomization: Sendable, Equatable {
    public enum Token: Sendable {
        case id
        case access
    }

    /// The changes to one token's claims.
    public struct Claims: Sendable, Equatable {
        /// New claims and new values of existing ones, in the function's order (a JSON object).
        public var toAddOrOverride: JSONNode
        public var toSuppress: [String]

        public init(toAddOrOverride: JSONNode = .object([]), toSuppress: [String] = []) {
            self.toAddOrOverride = toAddOrOverride
            self.toSuppress = toSuppress
        }
    }

    public var idToken = Claims()
    public var accessToken = Claims()
    public var scopesToAdd: [String] = []
    public var scopesToSuppress: [String] = []
    /// The groups and roles the tokens show instead of the user's; `nil` keeps the user's.
    public var groups: GroupClaims?

    public init(idToken: Claims = Claims(), accessToken: Claims = Claims(), scopesToAdd: [String] = [], scopesToSuppress: [String] = [],
                groups: GroupClaims? = nil) {
        self.idToken = idToken
        self.accessToken = accessToken
        self.scopesToAdd = scopesToAdd
        self.scopesToSuppress = scopesToSuppress
        self.groups = groups
    }

    /// Claims no function adds, changes or suppresses, by token (the developer guide's "Claims and
    /// scopes reference"); any other `cognito:` claim too, and `dev:` attributes may only be suppressed.
    static let fixedClaims: Set<String> = ["acr", "amr", "auth_time", "azp", "exp", "iat", "iss", "jti", "nbf", "nonce", "origin_jti",
                                           "token_use", "sub"]
    static let fixedIDClaims = fixedClaims.union(["identities", "aud", "at_hash"])
    static let fixedAccessClaims = fixedClaims.union(["username", "client_id", "event_id", "device_key", "version", "scope"])

    /// Whether a function may add `claim` to `token` with `value`, or give it that value.
    static func mayAdd(_ claim: String, _ value: JSONNode, to token: Token, clientID: String) -> Bool {
        if claim.hasPrefix("cognito:") || claim.hasPrefix("dev:") { return false }
        // An access token may carry an aud, if it is the client's id.
        if token == .access, claim == "aud" { return value.string == clientID }
        return !(token == .id ? fixedIDClaims : fixedAccessClaims).contains(claim)
    }

    /// Whether a function may suppress `claim` in `token`: suppressing `cognito:groups` suppresses
    /// the roles too.
    static func maySuppress(_ claim: String, in token: Token) -> Bool {
        if claim.hasPrefix("cognito:") { return claim == "cognito:groups" }
        return !(token == .id ? fixedIDClaims : fixedAccessClaims).contains(claim)
    }

    /// `claims` (a token's, in order) with the changes for `token` made; what a function may not
    /// change is left as it was (docs/compatibility.md § Lambda triggers).
    /// - Parameter clientID: the app client the tokens are for.
    public func applied(to claims: [(key: String, value: JSONNode)], token: Token, clientID: String) -> [(key: String, value: JSONNode)] {
        var claims = claims
        let groupClaims: Set<String> = ["cognito:groups", "cognito:roles", "cognito:preferred_role"]
        if let groups {
            let at = claims.firstIndex { groupClaims.contains($0.key) } ?? min(1, claims.count)
            claims.removeAll { groupClaims.contains($0.key) }
            var replaced: [(key: String, value: JSONNode)] = []
            if !groups.groups.isEmpty { replaced.append(("cognito:groups", .array(groups.groups.map(JSONNode.string)))) }
            if token == .id, !groups.roles.isEmpty { replaced.append(("cognito:roles", .array(groups.roles.map(JSONNode.string)))) }
            if token == .id, let role = groups.preferredRole { replaced.append(("cognito:preferred_role", .string(role))) }
            claims.insert(contentsOf: replaced, at: min(at, claims.count))
        }
        let changes = token == .id ? idToken : accessToken
        var suppressed = Set(changes.toSuppress.filter { Self.maySuppress($0, in: token) })
        if suppressed.contains("cognito:groups") { suppressed.formUnion(groupClaims) }
        claims.removeAll { suppressed.contains($0.key) }
        // A claim both suppressed and given a value stays suppressed.
        for (key, value) in changes.toAddOrOverride.pairs ?? []
        where !suppressed.contains(key) && Self.mayAdd(key, value, to: token, clientID: clientID) {
            if let index = claims.firstIndex(where: { $0.key == key }) {
                claims[index].value = value
            } else {
                claims.append((key, value))
            }
        }
        if token == .access, !scopesToAdd.isEmpty || !scopesToSuppress.isEmpty, let index = claims.firstIndex(where: { $0.key == "scope" }) {
            var scopes = (claims[index].value.string ?? "").split(separator: " ").map(String.init)
            scopes.removeAll { scopesToSuppress.contains($0) }
            // As for claims, a scope both suppressed and added stays suppressed.
            for scope in scopesToAdd where !scopes.contains(scope) && !scopesToSuppress.contains(scope) { scopes.append(scope) }
            claims[index].value = .string(scopes.joined(separator: " "))
        }
        return claims
    }
}
