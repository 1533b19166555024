import AWSWire
import Foundation
import GatehouseCore
import Hummingbird

extension ConsoleFeature {
    /// `GET /_gatehouse/console/sign-in`: the form, when the console signs callers in.
    func signInPage(_ request: Request, _ context: GatehouseRequestContext) -> Response {
        guard case .signed = admin.mode else { return HTMLPage.redirect(to: Self.base) }
        let (csrf, cookies) = csrfToken(request)
        return pages.render("signIn", ["title": "Sign in", "csrf": csrf], cookies: cookies)
    }

    /// `POST /_gatehouse/console/sign-in`: an access key's id and secret (compared in constant
    /// time) start a session of ``ConsoleSession/lifetime``.
    func signIn(_ request: Request, _ context: GatehouseRequestContext) async throws -> Response {
        guard case .signed(let keys) = admin.mode else { return HTMLPage.redirect(to: Self.base) }
        let form = try await request.formFields() ?? FormFields([:])
        let (csrf, cookies) = csrfToken(request)
        /// The form again, with `error`.
        func refused(_ error: String) -> Response {
            pages.render("signIn", ["title": "Sign in", "csrf": csrf, "error": error], status: .forbidden, cookies: cookies)
        }
        guard isAuthentic(request, form) else { return refused("The form has expired: sign in again.") }
        guard let key = keys.key(form["accessKeyId"] ?? ""), ConstantTime.matches(form["secretAccessKey"], key.secretAccessKey) else {
            return refused("The access key id or secret is not right.")
        }
        let session = ConsoleSession(accessKeyID: key.accessKeyID, expiry: clock.now().addingTimeInterval(ConsoleSession.lifetime))
        let value = session.sealed(with: try await sessionSeal.value(), random: random)
        return HTMLPage.redirect(to: Self.base, cookies: [cookie(ConsoleSession.cookie, value, maxAge: Int(ConsoleSession.lifetime))])
    }

    /// `POST /_gatehouse/console/sign-out`: the session cookie removed.
    func signOut(_ request: Request, _ context: GatehouseRequestContext) async throws -> Response {
        let form = try await request.formFields() ?? FormFields([:])
        guard isAuthentic(request, form) else { return HTMLPage.redirect(to: Self.base) }
        return HTMLPage.redirect(to: "\(Self.base)/sign-in", cookies: [cookie(ConsoleSession.cookie, "", maxAge: 0)])
    }
}
