import AWSWire
import GatehouseCore
import Hummingbird

/// The pool domain a request to the managed login pages or the OAuth endpoints is addressed to,
/// by its host or its path (``DomainAddressing``).
struct PoolDomain: Sendable {
    let pool: UserPool
    /// 1, the classic hosted UI, or 2, managed login.
    let managedLoginVersion: Int
    /// What the domain's paths start with on this request: nothing on the domain's own host,
    /// `/_domain/<name>` in the path form.
    let basePath: String
    /// Cookies may leave out `Secure` (``DomainAddressing/cookiesMayBeInsecure(authority:)``).
    let insecureCookies: Bool

    /// The `Path` of the domain's cookies, which keeps the path form's domains apart.
    var cookiePath: String { basePath.isEmpty ? "/" : basePath + "/" }
}

/// Finds the ``PoolDomain`` of a request.
struct PoolDomainResolver: Sendable {
    let domains: UserPoolDomains
    let directory: UserPoolDirectory
    let addressing: DomainAddressing

    static let notFound = AWSServiceError(type: "ResourceNotFoundException", message: "No user pool domain answers here.", status: 404)

    /// The domain the route's `domain` parameter names (the path form), or else the request's host.
    /// - Throws: ``notFound`` when neither names a domain, or the host's region is not its pool's.
    func domain(of request: Request, context: GatehouseRequestContext) async throws -> PoolDomain {
        let name: String, basePath: String, region: String?
        if let named = context.parameters.get("domain") {
            (name, basePath, region) = (named, DomainAddressing.pathPrefix + named, nil)
        } else if let host = addressing.domain(ofHost: request.head.authority) {
            (name, basePath, region) = (host.name, "", host.region)
        } else {
            throw Self.notFound
        }
        guard let record = try await domains.record(named: name), region == nil || UserPoolID.region(of: record.userPoolID) == region else {
            throw Self.notFound
        }
        return PoolDomain(pool: try await directory.pool(named: record.userPoolID),
                          managedLoginVersion: try StoredUserPoolDomain(record: record).managedLoginVersion, basePath: basePath,
                          insecureCookies: addressing.cookiesMayBeInsecure(authority: request.head.authority))
    }

    /// Registers `handler` for `method` at `path` on the domain's host and under the path form.
    func route(_ router: Router<GatehouseRequestContext>, _ method: HTTPRequest.Method, _ path: String,
               _ handler: @escaping @Sendable (Request, GatehouseRequestContext, PoolDomain) async throws -> Response) {
        for prefix in ["", DomainAddressing.pathPrefix + ":domain"] {
            router.on(RouterPath(prefix + path), method: method) { request, context -> Response in
                try await handler(request, context, try await domain(of: request, context: context))
            }
        }
    }
}
