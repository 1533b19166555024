import AWSWire
import CognitoModel
import GatehouseCore
import Hummingbird

/// The domain's pages, each with the authorize parameters of the page that links to it.
struct PageLinks {
    let login: String
    let signup: String
    let forgotPassword: String

    init(_ request: Request, _ domain: PoolDomain) {
        let query = "?" + (request.uri.query ?? "")
        login = domain.basePath + "/login" + query
        signup = domain.basePath + "/signup" + query
        forgotPassword = domain.basePath + "/forgotPassword" + query
    }
}

/// What the sign-in page shows.
struct LoginView: PageView {
    let action: String
    let csrf: String
    let links: PageLinks
    var error: String?
    /// What the previous step achieved ("Your account is confirmed", …).
    var notice: String?
    var username: String?
    /// The username of the browser's session, offered as "Sign in as …".
    var session: String?
    /// The classic hosted UI asks for the username and password at once; managed login (version 2)
    /// for the username, then ("Next") the password ("Continue").
    /// (Stored, not computed: the templates see stored properties only.)
    let classic: Bool
    var passwordStep = false { didSet { usernameStep = !classic && !passwordStep } }
    private(set) var usernameStep: Bool

    init(_ request: Request, _ domain: PoolDomain, csrf: String, error: String? = nil, notice: String? = nil, username: String? = nil,
         session: String? = nil) {
        links = PageLinks(request, domain)
        action = links.login
        self.csrf = csrf
        self.error = error
        self.notice = notice
        self.username = username
        self.session = session
        classic = domain.managedLoginVersion == 1
        usernameStep = !classic
    }
}

extension ManagedLoginFeature {
    /// `GET /login`: the sign-in form, and "Sign in as …" while the browser has a session.
    func loginPage(_ request: Request, context: CallContext, _ domain: PoolDomain) async throws -> Response {
        let (authorize, _, _) = try await authorizeRequest(request, domain)
        let (csrf, cookies) = csrfToken(request, domain)
        let session = try await currentSession(request, domain, for: authorize)
        return pages.render("login", LoginView(request, domain, csrf: csrf, username: authorize.loginHint,
                                               session: session?.session.username), cookies: cookies)
    }

    /// `POST /login`: a password, an answer to a challenge, or "Sign in as …", after the CSRF check.
    func submitLogin(_ request: Request, context: CallContext, _ domain: PoolDomain) async throws -> Response {
        let post = try await post(request, context, domain)
        guard post.isAuthentic else { return expired("login", LoginView(request, domain, csrf: post.csrf), post) }
        if post.form["signInAs"] != nil, let (session, record) = try await currentSession(request, domain, for: post.authorize) {
            return try await complete(post.authorize, client: post.client, record: record, username: session.username,
                                      authTime: session.authTime, domain: domain)
        }
        if let challenge = post.form.nonEmpty("challenge") {
            return try await answer(ChallengeNameType(rawValue: challenge), post)
        }
        guard post.form["password"] != nil || domain.managedLoginVersion == 1 else {
            // Managed login's first step names the user; the second asks for the password.
            var view = LoginView(request, domain, csrf: post.csrf, username: post.username)
            view.passwordStep = true
            return pages.render("login", view)
        }
        do {
            let outcome = try await signIn.counted(SignInFeature.managedLoginFlow) {
                try await signIn.signIn(named: post.username, password: post.form["password"] ?? "", deviceKey: nil, client: post.client,
                                        validationData: nil, origin: SignInOrigin(ipAddress: nil, encodedData: nil, context: context),
                                        managedLogin: true)
            }
            return try await proceed(outcome, post)
        } catch let error as AWSServiceError where error == SignInRefusal.userNotConfirmed.error {
            return try await confirmationPage(for: post.username, post)
        } catch let error as AWSServiceError where error.status < 500 {
            var view = LoginView(request, domain, csrf: post.csrf, error: error.message, username: post.username)
            view.passwordStep = !view.classic
            return pages.render("login", view)
        }
    }

    /// What a page posted without the browser's CSRF token shows.
    static let expiredPage = "Your sign-in page had expired. Please sign in again."

    /// Where the challenge pages' forms post: the sign-in page, with the authorize parameters it was given.
    static func action(_ request: Request, _ domain: PoolDomain) -> String {
        domain.basePath + "/login?" + (request.uri.query ?? "")
    }

    /// After a step of the sign-in: the next challenge's page, or the end of the sign-in.
    func proceed(_ outcome: SignInOutcome, _ post: PagePost) async throws -> Response {
        if let signedIn = outcome.managedLogin {
            return try await complete(post.authorize, client: post.client, record: signedIn.record, username: signedIn.username,
                                      authTime: signedIn.authTime, domain: post.domain)
        }
        guard let challenge = outcome.challengeName, let session = outcome.session else {
            throw AWSServiceError.internalError
        }
        var view = ChallengeView(challenge, parameters: outcome.challengeParameters ?? [:], session: session,
                                 action: Self.action(post.request, post.domain), csrf: post.csrf)
        if challenge == .mfaSetup {
            view = try await setUpAuthenticator(view, pool: post.domain.pool, context: post.context)
        }
        return pages.render("challenge", view)
    }
}
