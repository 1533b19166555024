import AWSWire
import CognitoModel
import GatehouseCore
import Hummingbird

/// What the forgot-password pages show.
struct ForgotPasswordView: PageView {
    let action: String
    let csrf: String
    var username: String
    var destination: String?
    var medium: String?
    var error: String?

    init(_ request: Request, _ domain: PoolDomain, path: String, csrf: String, username: String = "") {
        action = domain.basePath + path + "?" + (request.uri.query ?? "")
        self.csrf = csrf
        self.username = username
    }

    init(_ post: ManagedLoginFeature.PagePost, path: String) {
        self.init(post.request, post.domain, path: path, csrf: post.csrf, username: post.username)
    }
}

extension ManagedLoginFeature {
    /// `GET /forgotPassword`.
    func forgotPasswordPage(_ request: Request, context: CallContext, _ domain: PoolDomain) async throws -> Response {
        _ = try await authorizeRequest(request, domain)
        let (csrf, cookies) = csrfToken(request, domain)
        return pages.render("forgotPassword", ForgotPasswordView(request, domain, path: "/forgotPassword", csrf: csrf),
                            cookies: cookies)
    }

    /// `POST /forgotPassword`: ForgotPassword, then the page that takes the code and the new password.
    func submitForgotPassword(_ request: Request, context: CallContext, _ domain: PoolDomain) async throws -> Response {
        let post = try await post(request, context, domain)
        var view = ForgotPasswordView(post, path: "/forgotPassword")
        guard post.isAuthentic else { return expired("forgotPassword", view, post) }
        do {
            let answer = try await passwords.forgotPassword(ForgotPasswordRequest(
                clientId: post.client.id, secretHash: Self.secretHash(post.username, client: post.client), username: post.username),
                context: context)
            var next = ForgotPasswordView(post, path: "/confirmForgotPassword")
            next.destination = answer.codeDeliveryDetails?.destination
            next.medium = answer.codeDeliveryDetails?.deliveryMedium == .sms ? "SMS" : "email"
            return pages.render("confirmForgotPassword", next)
        } catch let error as AWSServiceError where error.status < 500 {
            view.error = error.message
            return pages.render("forgotPassword", view)
        }
    }

    /// `POST /confirmForgotPassword`: ConfirmForgotPassword with the code and the new password
    /// (given twice), then the sign-in page.
    func submitConfirmForgotPassword(_ request: Request, context: CallContext, _ domain: PoolDomain) async throws -> Response {
        let post = try await post(request, context, domain)
        var view = ForgotPasswordView(post, path: "/confirmForgotPassword")
        guard post.isAuthentic else { return expired("confirmForgotPassword", view, post) }
        guard post.form["password"] == post.form["confirmPassword"] else {
            view.error = Self.passwordsDiffer
            return pages.render("confirmForgotPassword", view)
        }
        do {
            _ = try await passwords.confirmForgotPassword(ConfirmForgotPasswordRequest(
                clientId: post.client.id, secretHash: Self.secretHash(post.username, client: post.client), username: post.username,
                confirmationCode: post.form["code"] ?? "", password: post.form["password"] ?? ""), context: context)
            return pages.render("login", LoginView(request, domain, csrf: post.csrf, notice: "Your password has been changed. Sign in with it.",
                                                   username: post.username))
        } catch let error as AWSServiceError where error.status < 500 {
            view.error = error.message
            return pages.render("confirmForgotPassword", view)
        }
    }
}
