import CognitoModel

/// A request to a pool domain's `/oauth2/authorize` (and `/login`, which takes the same
/// parameters), checked in Cognito's order (docs/compatibility.md § Managed login).
public struct AuthorizeRequest: Sendable, Equatable {
    public enum ResponseType: String, Sendable {
        case code, token

        var flow: OAuthFlowType { self == .code ? .code : .implicit }
    }

    public var responseType: ResponseType
    public var clientID: String
    public var redirectURI: String
    public var state: String?
    /// The scopes granted (``OAuthScopes/granted(_:allowed:)``).
    public var scopes: [String]
    public var nonce: String?
    /// The S256 code challenge, for the code flow.
    public var codeChallenge: String?
    /// Fills in the username field.
    public var loginHint: String?
    /// `prompt`'s values (`none`, `login`, `select_account`, `consent`).
    public var prompt: Set<String>

    /// The longest `state`, `nonce`, `code_challenge` and `login_hint` taken, in bytes (ours).
    public static let maximumParameterLength = 2_048

    /// Why an authorize request is refused.
    public enum Refusal: Error, Equatable {
        /// Without a client and a redirect URI to trust, the domain's error page shows it: the
        /// value of its `error` parameter.
        case errorPage(String)
        /// Sent back to the client's redirect URI as `error=invalid_request` with this
        /// `error_description`, as Cognito does.
        case redirect(OAuthRedirect, description: String)
    }

    /// The request `parameter` gives, of the app client `client` (`nil` when `client_id` names none).
    /// - Throws: ``Refusal``, the first of: a missing `client_id`, or `redirect_uri` without a
    ///   DefaultRedirectURI to stand for it ("Required parameters missing"); an unknown client (`invalid_request`); a redirect URI the client does
    ///   not list (`redirect_mismatch`); then to the redirect URI: a missing or unknown
    ///   `response_type` (`invalid_request`), a client not allowed the flow or managed login
    ///   (`unauthorized_client`), an identity provider other than COGNITO or PKCE other than S256
    ///   (`invalid_request`), a scope not granted (`invalid_scope`).
    public static func parse(_ parameter: (String) -> String?, client: UserPoolClientType?) throws(Refusal) -> AuthorizeRequest {
        // DefaultRedirectURI "replaces redirect_uri in authentication requests" of a client with one identity provider.
        let defaultRedirectURI = client?.clientId == parameter("client_id") && client?.supportedIdentityProviders?.count == 1
            ? client?.defaultRedirectURI : nil
        guard let clientID = parameter("client_id"), let redirectURI = parameter("redirect_uri") ?? defaultRedirectURI else {
            throw .errorPage("Required parameters missing")
        }
        guard let client, client.clientId == clientID else { throw .errorPage("invalid_request") }
        guard client.callbackURLs?.contains(redirectURI) == true else { throw .errorPage("redirect_mismatch") }
        let state = parameter("state")
        guard let responseType = parameter("response_type").flatMap(ResponseType.init(rawValue:)) else {
            throw .redirect(OAuthRedirect(uri: redirectURI, inFragment: false, state: state), description: "invalid_request")
        }
        let redirect = OAuthRedirect(uri: redirectURI, inFragment: responseType == .token, state: state)
        guard client.allowedOAuthFlowsUserPoolClient == true, client.allowedOAuthFlows?.contains(responseType.flow) == true,
              client.supportedIdentityProviders?.contains("COGNITO") == true else {
            throw .redirect(redirect, description: "unauthorized_client")
        }
        if let provider = parameter("identity_provider"), provider != "COGNITO" {
            throw .redirect(redirect, description: "invalid_request")
        }
        // What a code carries stays small enough to travel in a URL.
        if ["state", "nonce", "code_challenge", "login_hint"].contains(where: { (parameter($0)?.utf8.count ?? 0) > maximumParameterLength }) {
            throw .redirect(redirect, description: "invalid_request")
        }
        var codeChallenge: String?
        if responseType == .code {
            let method = parameter("code_challenge_method"), challenge = parameter("code_challenge")
            guard (method == nil && challenge == nil) || (method == PKCE.method && challenge?.isEmpty == false) else {
                throw .redirect(redirect, description: "invalid_request")
            }
            codeChallenge = challenge
        }
        guard let scopes = OAuthScopes.granted(parameter("scope"), allowed: client.allowedOAuthScopes ?? []) else {
            throw .redirect(redirect, description: "invalid_scope")
        }
        let prompt = Set((parameter("prompt") ?? "").split(separator: " ").map(String.init))
        return AuthorizeRequest(responseType: responseType, clientID: clientID, redirectURI: redirectURI, state: state, scopes: scopes,
                                nonce: parameter("nonce"), codeChallenge: codeChallenge, loginHint: parameter("login_hint"), prompt: prompt)
    }

    /// Where this request's answer goes.
    public var redirect: OAuthRedirect {
        OAuthRedirect(uri: redirectURI, inFragment: responseType == .token, state: state)
    }
}
