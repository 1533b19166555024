import AWSWire
import Foundation
import GatehouseCore
import GatehouseStorage
import HTTPTypes
import Hummingbird

/// A pool domain's browser pages: `/oauth2/authorize`, the sign-in page `/login` with the
/// challenges after the password, sign-up (`/signup`, `/confirm`, `/resendcode`), forgotten
/// passwords (`/forgotPassword`, `/confirmForgotPassword`), `/logout`, `/error`, and the branding's
/// files (`/assets/…`) (docs/compatibility.md § Managed login). A sign-in here runs the API's
/// sign-in rules (``SignInFeature``) and ends in an authorization code or implicit tokens, and the
/// `cognito` session cookie.
struct ManagedLoginFeature: Sendable {
    let resolver: PoolDomainResolver
    let directory: UserPoolDirectory
    let users: UserDirectory
    let signIn: SignInFeature
    let signUp: SignUpFeature
    /// Forgotten passwords.
    let passwords: PasswordsFeature
    /// Sets up an authenticator app during MFA_SETUP.
    let mfa: MFAFeature
    let tokens: TokenService
    /// Reads the clients' terms documents and brandings' files.
    let storage: any Storage
    let brandings: Brandings
    /// Seals authorization codes and session cookies.
    let seal: ServerKey<SealingKey>
    let pages: ManagedLoginPages
    let clock: Clock
    let random: RandomSource
    /// The proxies whose X-Forwarded-For names a page's client (``GatehouseConfiguration/trustedProxies``).
    let trustedProxies: [IPAddressRange]

    /// The pages' forms' CSRF token: the `XSRF-TOKEN` cookie, which each form repeats as `_csrf`.
    static let formToken = FormToken(cookie: "XSRF-TOKEN")
    static let passwordsDiffer = "Passwords do not match."

    func register(on router: Router<GatehouseRequestContext>) {
        let handlers: [(HTTPRequest.Method, String, @Sendable (ManagedLoginFeature) -> (Request, CallContext, PoolDomain) async throws -> Response)] = [
            (.get, "/oauth2/authorize", { $0.authorize }), (.get, "/login", { $0.loginPage }), (.get, "/signup", { $0.signUpPage }),
            (.get, "/forgotPassword", { $0.forgotPasswordPage }), (.get, "/logout", { $0.signOut }), (.get, "/error", { $0.errorPage }),
            (.post, "/login", { $0.submitLogin }), (.post, "/signup", { $0.submitSignUp }), (.post, "/confirm", { $0.submitConfirmation }),
            (.post, "/resendcode", { $0.submitResendCode }), (.post, "/forgotPassword", { $0.submitForgotPassword }),
            (.post, "/confirmForgotPassword", { $0.submitConfirmForgotPassword }),
        ]
        for (method, path, handler) in handlers {
            resolver.route(router, method, path) { request, context, domain in
                try await page(request, domain) {
                    try await handler(self)(request, Self.callContext(context, pool: domain.pool, request: request, trustedProxies: trustedProxies),
                                            domain)
                }
            }
        }
        resolver.route(router, .get, "/assets/:client/:version/:file") { request, context, domain in
            try await asset(client: context.parameters.require("client"), version: context.parameters.require("version"),
                            file: context.parameters.require("file"), domain: domain)
        }
    }

    /// `GET /error`: the domain's error page, with the `error` it is given.
    func errorPage(_ request: Request, context: CallContext, _ domain: PoolDomain) async throws -> Response {
        let query = FormFields(Substring(request.uri.query ?? ""))
        return pages.render("error", ErrorView(error: query?["error"]), status: .badRequest)
    }

    /// What the operations a page runs (AssociateSoftwareToken, VerifySoftwareToken) know of its
    /// request; with `request`, the address it was forwarded for by a trusted proxy.
    static func callContext(_ context: GatehouseRequestContext, pool: UserPool, request: Request? = nil,
                            trustedProxies: [IPAddressRange] = []) -> CallContext {
        CallContext(region: pool.region, accountID: pool.arn.split(separator: ":").dropFirst(4).first.map(String.init) ?? "",
                    requestID: context.requestID, logger: context.logger, peer: context.remoteAddress,
                    forwardedFor: trustedProxies.isEmpty ? nil : request?.headers[.xForwardedFor], trustedProxies: trustedProxies)
    }

    /// A page's response, or the response its refusal carries, rendered with the branding of the
    /// request's app client (``PageBranding/current``).
    private func page(_ request: Request, _ domain: PoolDomain, _ body: () async throws -> Response) async throws -> Response {
        let clientID = FormFields(Substring(request.uri.query ?? ""))?.nonEmpty("client_id")
        return try await PageBranding.$current.withValue(try await branding(of: clientID, domain)) {
            do {
                return try await body()
            } catch let refusal as PageRefusal {
                return refusal.response
            }
        }
    }

    /// A request these pages answer with a response other than the one asked for (an error page, a redirect).
    struct PageRefusal: Error {
        let response: Response
    }

    /// The query of a page that takes the authorize parameters, checked, with its client.
    /// - Throws: ``PageRefusal``: a redirect to the error page or back to the client, with Cognito's error.
    func authorizeRequest(_ request: Request, _ domain: PoolDomain) async throws -> (AuthorizeRequest, AppClient, FormFields) {
        guard let query = FormFields(Substring(request.uri.query ?? "")) else { throw errorPage("invalid_request", domain: domain) }
        var client: AppClient?
        if let id = query.nonEmpty("client_id") {
            client = try? await directory.poolClient(id, of: domain.pool)
        }
        let authorize: AuthorizeRequest
        do {
            authorize = try AuthorizeRequest.parse({ query.nonEmpty($0) }, client: client?.settings)
        } catch .errorPage(let error) {
            throw errorPage(error, clientID: query["client_id"], domain: domain)
        } catch .redirect(let redirect, let description) {
            throw PageRefusal(response: HTMLPage.redirect(to: redirect.error(description: description)))
        }
        if domain.managedLoginVersion == 2, try await brandings.managedLoginBranding(of: authorize.clientID, in: domain.pool.id) == nil {
            // Managed login shows the pages of clients that have a branding style only.
            throw PageRefusal(response: pages.render("error", ErrorView(error: "Login pages unavailable"), status: .badRequest))
        }
        // `parse` has checked that the client exists.
        return (authorize, client!, query)
    }

    /// A redirect to the domain's error page, as Cognito's `/error?error=…&client_id=…`.
    func errorPage(_ error: String, clientID: String? = nil, domain: PoolDomain) -> PageRefusal {
        var location = domain.basePath + "/error?error=" + OAuthRedirect.encode(error)
        if let clientID { location += "&client_id=" + OAuthRedirect.encode(clientID) }
        return PageRefusal(response: HTMLPage.redirect(to: location))
    }

    /// The browser's managed login session on this domain's pool, when its cookie is valid and its
    /// user still exists and is enabled; none when managed login's `prompt=login` asks for the
    /// password again.
    func currentSession(_ request: Request, _ domain: PoolDomain,
                        for authorize: AuthorizeRequest) async throws -> (session: ManagedLoginSession, record: UserRecord)? {
        guard domain.managedLoginVersion == 1 || !authorize.prompt.contains("login"), let text = Cookies.value(named: ManagedLoginSession.cookieName, in: FormToken.cookieHeader(request)),
              let session = ManagedLoginSession(opening: text, userPoolID: domain.pool.id, with: try await seal.value(), now: clock.now()),
              let record = try await users.record(withSub: session.sub, in: domain.pool), try StoredUser(record: record).enabled
        else { return nil }
        return (session, record)
    }

    /// The browser's CSRF token, with the `Set-Cookie` that gives it a new one when it has none.
    func csrfToken(_ request: Request, _ domain: PoolDomain) -> (token: String, setCookie: [String]) {
        Self.formToken.token(request, random: random, path: domain.cookiePath, insecure: domain.insecureCookies)
    }

    /// A form a page posted, with what every post checks first: the authorize parameters of its
    /// query (``authorizeRequest(_:_:)``) and the browser's CSRF token.
    struct PagePost {
        let request: Request
        let context: CallContext
        let domain: PoolDomain
        let authorize: AuthorizeRequest
        let client: AppClient
        let query: FormFields
        let form: FormFields
        /// The browser's CSRF token, and the `Set-Cookie` that gives it a new one when it had none.
        let csrf: String
        let cookies: [String]
        /// Whether the form carried the browser's CSRF token (compared in constant time).
        let isAuthentic: Bool

        var username: String { form["username"] ?? "" }
    }

    /// The page `template` again with `view`, refused (403): the form lacked the browser's CSRF token.
    func expired(_ template: String, _ view: some PageView, _ post: PagePost) -> Response {
        var view = view
        view.error = Self.expiredPage
        return pages.render(template, view, status: .forbidden, cookies: post.cookies)
    }

    /// The form a page posted (at most 64 KiB) and its checks.
    /// - Throws: ``PageRefusal`` for the authorize parameters' refusals, and with a 400 error page
    ///   for a body that is not a form.
    func post(_ request: Request, _ context: CallContext, _ domain: PoolDomain) async throws -> PagePost {
        let (authorize, client, query) = try await authorizeRequest(request, domain)
        guard let form = try await request.formFields() else {
            throw PageRefusal(response: pages.render("error", ErrorView(error: "invalid_request"), status: .badRequest))
        }
        let (csrf, cookies) = csrfToken(request, domain)
        return PagePost(request: request, context: context, domain: domain, authorize: authorize, client: client, query: query, form: form,
                        csrf: csrf, cookies: cookies, isAuthentic: Self.formToken.isAuthentic(request, form))
    }

    /// The SECRET_HASH of a call the pages make for `username`, as the client's secret is the
    /// server's to use; `nil` for a client without a secret.
    static func secretHash(_ username: String, client: AppClient) -> String? {
        client.secrets.first.map { SecretHash.compute(username: username, clientID: client.id, clientSecret: $0) }
    }

    /// Ends a sign-in: the session cookie (valid for an hour from now), and the redirect to the
    /// client with an authorization code or, for the implicit flow, tokens in the fragment.
    func complete(_ authorize: AuthorizeRequest, client: AppClient, record: UserRecord, username: String, authTime: Date,
                  domain: PoolDomain) async throws -> Response {
        let now = clock.now()
        let key = try await seal.value()
        let session = ManagedLoginSession(userPoolID: domain.pool.id, sub: record.sub, username: username, authTime: authTime,
                                          expiry: now.addingTimeInterval(ManagedLoginSession.lifetime))
        let cookie = Cookies.setCookie(ManagedLoginSession.cookieName, value: session.sealed(with: key, random: random),
                                       path: domain.cookiePath, maxAge: Int(ManagedLoginSession.lifetime), insecure: domain.insecureCookies)
        switch authorize.responseType {
        case .code:
            let code = AuthorizationCode(id: random.uuid(), userPoolID: domain.pool.id, clientID: client.id, sub: record.sub,
                                         redirectURI: authorize.redirectURI, scopes: authorize.scopes, nonce: authorize.nonce,
                                         codeChallenge: authorize.codeChallenge, authTime: authTime,
                                         expiry: now.addingTimeInterval(AuthorizationCode.lifetime))
            return HTMLPage.redirect(to: authorize.redirect.location([("code", code.sealed(with: key, random: random))]),
                                              cookies: [cookie])
        case .token:
            let result = try await tokens.issue(record: record, user: try StoredUser(record: record), client: client, authTime: authTime,
                                                originJTI: SignInSessionID.make(at: now, random: random), includeRefreshToken: false,
                                                source: .hostedAuth, clientMetadata: nil,
                                                oauth: TokenService.OAuthIssue(scopes: authorize.scopes, nonce: authorize.nonce))
            var pairs: [(String, String)] = []
            if let idToken = result.idToken { pairs.append(("id_token", idToken)) }
            pairs.append(("access_token", result.accessToken ?? ""))
            pairs.append(("token_type", "bearer"))
            pairs.append(("expires_in", String(result.expiresIn ?? 3600)))
            return HTMLPage.redirect(to: authorize.redirect.location(pairs), cookies: [cookie])
        }
    }
}
