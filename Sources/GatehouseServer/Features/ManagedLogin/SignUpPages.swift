import AWSWire
import CognitoModel
import GatehouseCore
import Hummingbird

/// What the sign-up page shows: the username, the pool's required attributes, the password.
struct SignUpView: PageView {
    struct Attribute {
        let name: String
        let label: String
        let type: String
        var value = ""
    }

    let action: String
    let csrf: String
    let links: PageLinks
    let usernameLabel: String
    var username = ""
    var attributes: [Attribute]
    var error: String?
    var terms: TermsLinks?

    init(_ request: Request, _ domain: PoolDomain, csrf: String, terms: TermsLinks?) {
        links = PageLinks(request, domain)
        action = links.signup
        self.csrf = csrf
        self.terms = terms
        let pool = domain.pool
        usernameLabel = pool.settings.usernameAttributes?.contains(.email) == true ? "Email" : "Username"
        attributes = pool.attributes.requiredNames.filter { !(pool.settings.usernameAttributes?.contains(.email) == true && $0 == "email") }
            .map { name in
                Attribute(name: name, label: Self.label(name), type: name == "email" ? "email" : name == "phone_number" ? "tel" : "text")
            }
    }

    /// An attribute's name as a label: "given_name" as "Given name", "custom:team" as "Team".
    static func label(_ name: String) -> String {
        let words = name.replacingOccurrences(of: "custom:", with: "").replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}

/// What the confirmation page shows.
struct ConfirmView: PageView {
    let action: String
    let resendAction: String
    let csrf: String
    let username: String
    var destination: String?
    var medium: String?
    var error: String?

    init(_ post: ManagedLoginFeature.PagePost, delivery: CodeDeliveryDetailsType?) {
        let query = "?" + (post.request.uri.query ?? "")
        action = post.domain.basePath + "/confirm" + query
        resendAction = post.domain.basePath + "/resendcode" + query
        csrf = post.csrf
        username = post.username
        destination = delivery?.destination
        medium = delivery?.deliveryMedium == .sms ? "SMS" : "email"
    }
}

extension ManagedLoginFeature {
    /// The client's terms links for the sign-up page, in `language` (else the default): on managed
    /// login's pages only, once the client has both documents.
    func termsLinks(_ client: AppClient, _ language: String?, _ domain: PoolDomain) async throws -> TermsLinks? {
        guard domain.managedLoginVersion == 2 else { return nil }
        func link(_ name: String) async throws -> String? {
            try await storage.userPoolItem(userPoolID: domain.pool.id, kind: .terms, key: StoredTerms.key(clientID: client.id, termsName: name))
                .flatMap { try StoredTerms(record: $0).link(for: language) }
        }
        guard let termsOfUse = try await link(StoredTerms.termsOfUse), let privacyPolicy = try await link(StoredTerms.privacyPolicy) else {
            return nil
        }
        return TermsLinks(termsOfUse: termsOfUse, privacyPolicy: privacyPolicy)
    }

    /// `GET /signup`.
    func signUpPage(_ request: Request, context: CallContext, _ domain: PoolDomain) async throws -> Response {
        let (_, client, query) = try await authorizeRequest(request, domain)
        let (csrf, cookies) = csrfToken(request, domain)
        return pages.render("signup", SignUpView(request, domain, csrf: csrf, terms: try await termsLinks(client, query["lang"], domain)),
                            cookies: cookies)
    }

    /// `POST /signup`: SignUp with the pool's rules and triggers, then the confirmation page (or,
    /// for a user confirmed already, the sign-in page).
    func submitSignUp(_ request: Request, context: CallContext, _ domain: PoolDomain) async throws -> Response {
        let post = try await post(request, context, domain)
        var view = SignUpView(request, domain, csrf: post.csrf, terms: try await termsLinks(post.client, post.query["lang"], domain))
        view.username = post.username
        for index in view.attributes.indices {
            view.attributes[index].value = post.form["requiredAttributes[\(view.attributes[index].name)]"] ?? ""
        }
        guard post.isAuthentic else { return expired("signup", view, post) }
        do {
            let answer = try await signUp.signUp(SignUpRequest(
                clientId: post.client.id, secretHash: Self.secretHash(post.username, client: post.client), username: post.username,
                password: post.form["password"] ?? "", userAttributes: view.attributes.map { AttributeType(name: $0.name, value: $0.value) }),
                context: context)
            if answer.userConfirmed == true {
                return pages.render("login", LoginView(request, domain, csrf: post.csrf, notice: Self.confirmed, username: post.username))
            }
            return pages.render("confirm", ConfirmView(post, delivery: answer.codeDeliveryDetails))
        } catch let error as AWSServiceError where error.status < 500 {
            view.error = error.message
            return pages.render("signup", view)
        }
    }

    static let confirmed = "Your account is confirmed. Sign in to continue."

    /// `POST /confirm`: ConfirmSignUp with the code, then the sign-in page.
    func submitConfirmation(_ request: Request, context: CallContext, _ domain: PoolDomain) async throws -> Response {
        let post = try await post(request, context, domain)
        var view = ConfirmView(post, delivery: nil)
        guard post.isAuthentic else { return expired("confirm", view, post) }
        do {
            _ = try await signUp.confirmSignUp(ConfirmSignUpRequest(
                clientId: post.client.id, secretHash: Self.secretHash(post.username, client: post.client), username: post.username,
                confirmationCode: post.form["code"] ?? ""), context: context)
            return pages.render("login", LoginView(request, domain, csrf: post.csrf, notice: Self.confirmed, username: post.username))
        } catch let error as AWSServiceError where error.status < 500 {
            view.error = error.message
            return pages.render("confirm", view)
        }
    }

    /// `POST /resendcode`: a new confirmation code, then the confirmation page again.
    func submitResendCode(_ request: Request, context: CallContext, _ domain: PoolDomain) async throws -> Response {
        let post = try await post(request, context, domain)
        guard post.isAuthentic else { return expired("login", LoginView(request, domain, csrf: post.csrf), post) }
        return try await confirmationPage(for: post.username, post)
    }

    /// Sends the user a new confirmation code (ResendConfirmationCode) and shows the confirmation
    /// page: for a user who signs up, asks again, or signs in unconfirmed.
    func confirmationPage(for username: String, _ post: PagePost) async throws -> Response {
        do {
            let answer = try await signUp.resendConfirmationCode(ResendConfirmationCodeRequest(
                clientId: post.client.id, secretHash: Self.secretHash(username, client: post.client), username: username), context: post.context)
            return pages.render("confirm", ConfirmView(post, delivery: answer.codeDeliveryDetails))
        } catch let error as AWSServiceError where error.status < 500 {
            var view = ConfirmView(post, delivery: nil)
            view.error = error.message
            return pages.render("confirm", view)
        }
    }
}
