import GatehouseCore
import Hummingbird

extension ManagedLoginFeature {
    /// `GET /oauth2/authorize`: with a valid session cookie, straight back to the client signed in
    /// (unless managed login's `prompt=login` asks for the password again); otherwise to `/login`
    /// with the same parameters, or, for managed login's `prompt=none`, back with `login_required`.
    func authorize(_ request: Request, context: CallContext, _ domain: PoolDomain) async throws -> Response {
        let (authorize, client, _) = try await authorizeRequest(request, domain)
        if let (session, record) = try await currentSession(request, domain, for: authorize) {
            return try await complete(authorize, client: client, record: record, username: session.username, authTime: session.authTime,
                                      domain: domain)
        }
        if domain.managedLoginVersion == 2, authorize.prompt.contains("none") {
            return HTMLPage.redirect(to: authorize.redirect.location([("error", "login_required")]))
        }
        return HTMLPage.redirect(to: domain.basePath + "/login?" + (request.uri.query ?? ""))
    }
}
