import AWSWire
import Foundation
import GatehouseCore
import Hummingbird

/// A page's forms' CSRF token, the double of a cookie (double submit): the browser keeps a random
/// token in the cookie `cookie` and each form repeats it as `_csrf`; a form another site makes
/// cannot read the cookie, and `SameSite` keeps the browser from sending it there.
struct FormToken: Sendable {
    let cookie: String

    /// The request's cookies, its `Cookie` fields joined (a proxy may split them).
    static func cookieHeader(_ request: Request) -> String? {
        let values = request.headers[values: .cookie]
        return values.isEmpty ? nil : values.joined(separator: "; ")
    }

    /// The browser's token, with the `Set-Cookie` that gives it a new one when it has none.
    func token(_ request: Request, random: RandomSource, path: String, insecure: Bool) -> (token: String, setCookie: [String]) {
        if let token = Cookies.value(named: cookie, in: Self.cookieHeader(request)), UUID(uuidString: token) != nil {
            return (token, [])
        }
        let token = random.uuid()
        return (token, [Cookies.setCookie(cookie, value: token, path: path, maxAge: nil, insecure: insecure)])
    }

    /// Whether a posted form's `_csrf` is the browser's token, compared in constant time.
    func isAuthentic(_ request: Request, _ form: FormFields) -> Bool {
        Cookies.value(named: cookie, in: Self.cookieHeader(request)).map { ConstantTime.matches(form["_csrf"], $0) } ?? false
    }
}
