import AWSWire
import CognitoModel
import GatehouseCore
import Hummingbird

/// What the forgot-password pages show.
struct ForgotPasswordView {
    let action: String
    let csrf: String
    var username: String
    var destination: String?
    var medium: String?
    var error: String?

    init(_ request: Request, _ domain: PoolDomain, path: String, csrf: String, username: String) {
        action = domain.basePath + path + "?" + (request.uri.query ?? "")
        self.csrf = csrf
        self.username = username
    }
}

extension ManagedLoginFeature {
    /// `GET /forgotPassword`.
    func forgotPasswordPage(_ request: Request, context: CallContext, _ domain: PoolDomain) async throws -> Response {
        _ = try await authorizeRequest(request, domain)
        let (csrf, cookies) = csrfToken(request, domain)
        return pages.render("forgotPassword", ForgotPasswordView(request, domain, path: "/forgotPassword", csrf: csrf, username: ""),
                            cookies: cookies)
    }

    /// `POST /forgotPassword`: ForgotPassword, then the page that takes the code and the new password.
    func submitForgotPassword(_ request: Request, context: CallContext, _ domain: PoolDomain) async throws -> Response {
        let (_, client, _) = try await authorizeRequest(request, domain)
        let form = try await form(request)
        let (csrf, _) = csrfToken(request, domain)
        let username = form["username"] ?? ""
        var view = ForgotPasswordView(request, domain, path: "/forgotPassword", csrf: csrf, username: username)
        guard checksCSRF(form, request) else {
            view.error = Self.expiredPage
            return pages.render("forgotPassword", view, status: .forbidden)
        }
        do {
            let answer = try await passwords.forgotPassword(
                ForgotPasswordRequest(clientId: client.id, secretHash: Self.secretHash(username, client: client), username: username),
                context: context)
            var next = ForgotPasswordView(request, domain, path: "/confirmForgotPassword", csrf: csrf, username: username)
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
        let (_, client, _) = try await authorizeRequest(request, domain)
        let form = try await form(request)
        let (csrf, _) = csrfToken(request, domain)
        let username = form["username"] ?? ""
        var view = ForgotPasswordView(request, domain, path: "/confirmForgotPassword", csrf: csrf, username: username)
        guard checksCSRF(form, request) else {
            view.error = Self.expiredPage
            return pages.render("confirmForgotPassword", view, status: .forbidden)
        }
        guard form["password"] == form["confirmPassword"] else {
            view.error = Self.passwordsDiffer
            return pages.render("confirmForgotPassword", view)
        }
        do {
            _ = try await passwords.confirmForgotPassword(ConfirmForgotPasswordRequest(
                clientId: client.id, secretHash: Self.secretHash(username, client: client), username: username,
                confirmationCode: form["code"] ?? "", password: form["password"] ?? ""), context: context)
            return pages.render("login", LoginView(request, domain, csrf: csrf, notice: "Your password has been changed. Sign in with it.",
                                                   username: username))
        } catch let error as AWSServiceError where error.status < 500 {
            view.error = error.message
            return pages.render("confirmForgotPassword", view)
        }
    }
}
