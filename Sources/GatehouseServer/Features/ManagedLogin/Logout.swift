import GatehouseCore
import Hummingbird

extension ManagedLoginFeature {
    /// `GET /logout`: ends the browser's session (its cookie removed) and sends it to the client's
    /// `logout_uri`, one of its LogoutURLs; or, with `redirect_uri` and `response_type` instead, to
    /// the sign-in page with those parameters. Anything else goes to the error page.
    func signOut(_ request: Request, context: CallContext, _ domain: PoolDomain) async throws -> Response {
        guard let query = FormFields(Substring(request.uri.query ?? "")), let clientID = query.nonEmpty("client_id") else {
            throw errorPage("Required parameters missing", domain: domain)
        }
        guard let client = try? await directory.poolClient(clientID, of: domain.pool) else {
            throw errorPage("invalid_request", clientID: clientID, domain: domain)
        }
        let removed = Cookies.setCookie(ManagedLoginSession.cookieName, value: "", path: domain.cookiePath, maxAge: 0,
                                        insecure: domain.insecureCookies)
        if let logoutURI = query.nonEmpty("logout_uri") {
            guard client.settings.logoutURLs?.contains(logoutURI) == true else {
                throw errorPage("Required parameters missing", clientID: clientID, domain: domain)
            }
            return HTMLPage.redirect(to: logoutURI, cookies: [removed])
        }
        guard query.nonEmpty("redirect_uri") != nil else { throw errorPage("Required parameters missing", clientID: clientID, domain: domain) }
        _ = try await authorizeRequest(request, domain)
        return HTMLPage.redirect(to: domain.basePath + "/login?" + (request.uri.query ?? ""), cookies: [removed])
    }
}
