import AWSWire
import Foundation
import GatehouseCore
import GatehouseStorage
import HTTPTypes
import Hummingbird
import Logging
import Mustache
import NIOCore

/// The web console under `/_gatehouse/console`: pools, a pool's settings, its users (listed,
/// searched with ListUsers filters, shown, created, disabled, enabled, deleted, their passwords
/// reset, their sign-ups confirmed) and its outbox. Server-rendered HTML forms, no JavaScript.
///
/// Who may use it is who may call the admin API (``AdminAuthorization``): without an access keys
/// file, callers on this machine (or anyone, with `--allow-unsigned-admin`); with one, whoever
/// signs in with a key's id and secret, each action then allowed by the key's policy as the API's
/// call would be. Every form carries a CSRF token, the double of a `SameSite` cookie.
struct ConsoleFeature: Sendable {
    /// The API's operations, which every page and action calls as the admin API would.
    let operations: OperationRegistry
    /// Where the outbox is read.
    let storage: any Storage
    let admin: AdminAuthorization
    let sessionSeal: ServerKey<SealingKey>
    let configuration: GatehouseConfiguration
    let pages: ConsolePages
    let clock: Clock
    let random: RandomSource

    static let base = "/_gatehouse/console"
    static let formToken = FormToken(cookie: "gatehouse_console_csrf")

    /// A request the console answers: who makes it, its form token, and what it calls with.
    struct Caller {
        /// The signed-in key; `nil` when the console signs no one in.
        let key: AccessKeys.Key?
        let csrf: String
        let cookies: [String]
        let context: CallContext
        let pages: ConsolePages

        /// The page `template` with `view` and what every page shows.
        func render(_ template: String, title: String, _ view: [String: Any] = [:], links: [(String, String)] = [],
                    notice: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
            var values = view
            values["title"] = title
            values["csrf"] = csrf
            values["signedIn"] = key?.principal
            values["notice"] = notice
            values["error"] = error
            if !links.isEmpty { values["navigation"] = ["links": links.map { ["href": $0.0, "label": $0.1] }] }
            return pages.render(template, values, status: status, cookies: cookies)
        }
    }

    func register(on router: Router<GatehouseRequestContext>) {
        let base = RouterPath(Self.base)
        router.get(base) { request, context in try await page(request, context) { caller in try await poolsPage(request, caller) } }
        router.get("\(Self.base)/sign-in") { request, context in signInPage(request, context) }
        router.post("\(Self.base)/sign-in") { request, context in try await signIn(request, context) }
        router.post("\(Self.base)/sign-out") { request, context in try await signOut(request, context) }
        router.get("\(Self.base)/pools/:pool") { request, context in
            try await page(request, context) { caller in try await poolPage(try context.parameters.require("pool"), caller) }
        }
        router.get("\(Self.base)/pools/:pool/users") { request, context in
            try await page(request, context) { caller in try await usersPage(try context.parameters.require("pool"), request, caller) }
        }
        router.post("\(Self.base)/pools/:pool/users") { request, context in
            try await action(request, context) { caller, form in try await createUser(try context.parameters.require("pool"), form, caller) }
        }
        router.get("\(Self.base)/pools/:pool/users/:username") { request, context in
            try await page(request, context) { caller in
                try await userPage(try context.parameters.require("pool"), try Self.username(context), caller,
                                   notice: Self.query(request)["done"].flatMap { UserAction(rawValue: $0)?.done })
            }
        }
        router.post("\(Self.base)/pools/:pool/users/:username/:action") { request, context in
            try await action(request, context) { caller, _ in
                guard let action = UserAction(rawValue: try context.parameters.require("action")) else { throw HTTPError(.notFound) }
                return try await act(action, pool: try context.parameters.require("pool"), username: try Self.username(context), caller)
            }
        }
        router.get("\(Self.base)/pools/:pool/outbox") { request, context in
            try await page(request, context) { caller in try await outboxPage(try context.parameters.require("pool"), caller) }
        }
    }

    /// The query of a page's GET form, as a browser encodes it (`+` for a space).
    static func query(_ request: Request) -> FormFields {
        request.uri.query.flatMap { FormFields(Substring($0)) } ?? FormFields([:])
    }

    /// A path's user name, percent-decoded.
    static func username(_ context: GatehouseRequestContext) throws -> String {
        let raw = try context.parameters.require("username")
        return raw.removingPercentEncoding ?? raw
    }

    /// Answers a page to a caller the console takes, else the sign-in page or a refusal.
    func page(_ request: Request, _ context: GatehouseRequestContext,
              _ body: (Caller) async throws -> Response) async throws -> Response {
        switch try await caller(request, context) {
        case .caller(let caller):
            do {
                return try await body(caller)
            } catch let error as AWSServiceError {
                return caller.render("problem", title: "Not done", error: "\(error.type): \(error.message)",
                                     status: error.type == "AccessDeniedException" ? .forbidden : .badRequest)
            }
        case .refused(let response):
            return response
        }
    }

    /// Runs a form's action for a caller the console takes, its CSRF token checked first.
    func action(_ request: Request, _ context: GatehouseRequestContext,
                _ body: @escaping (Caller, FormFields) async throws -> Response) async throws -> Response {
        let form = try await request.formFields() ?? FormFields([:])
        return try await page(request, context) { caller in
            guard isAuthentic(request, form) else {
                return caller.render("problem", title: "Not done", error: "The form has expired: go back, reload the page and try again.",
                                     status: .forbidden)
            }
            return try await body(caller, form)
        }
    }

    enum Admission {
        case caller(Caller)
        case refused(Response)
    }

    /// Who makes the request, as the admin API would take them.
    func caller(_ request: Request, _ context: GatehouseRequestContext) async throws -> Admission {
        let (csrf, cookies) = csrfToken(request)
        let call = CallContext(region: configuration.defaultRegion, accountID: configuration.accountID, requestID: context.requestID,
                               logger: context.logger, peer: context.remoteAddress)
        switch admin.mode {
        case .unsignedFromAnywhere:
            return .caller(Caller(key: nil, csrf: csrf, cookies: cookies, context: call, pages: pages))
        case .unsignedFromLoopback:
            guard LocalCaller.isLocal(request, context) else {
                return .refused(pages.render("problem", ["title": "Not here", "error": "The console answers this machine only: "
                    + "give the server an access keys file to sign in from others."], status: .forbidden))
            }
            return .caller(Caller(key: nil, csrf: csrf, cookies: cookies, context: call, pages: pages))
        case .signed(let keys):
            guard let value = Cookies.value(named: ConsoleSession.cookie, in: FormToken.cookieHeader(request)),
                  let seal = try? await sessionSeal.value(),
                  let session = ConsoleSession(cookie: value, key: seal, now: clock.now()), let key = keys.key(session.accessKeyID) else {
                return .refused(HTMLPage.redirect(to: "\(Self.base)/sign-in", cookies: cookies))
            }
            return .caller(Caller(key: key, csrf: csrf, cookies: cookies, context: call, pages: pages))
        }
    }

    /// The browser's CSRF token, and the `Set-Cookie` that gives it one when it has none.
    func csrfToken(_ request: Request) -> (token: String, setCookie: [String]) {
        Self.formToken.token(request, random: random, path: Self.base, insecure: insecureCookies)
    }

    /// Whether a posted form carries the browser's CSRF token, from a page of this origin.
    func isAuthentic(_ request: Request, _ form: FormFields) -> Bool {
        if let site = request.headers[LocalCaller.secFetchSite], site != "same-origin" { return false }
        return Self.formToken.isAuthentic(request, form)
    }

    /// Whether the console's cookies go without `Secure`: when the server's address is not `https`.
    var insecureCookies: Bool { !configuration.issuerBaseURL.hasPrefix("https://") }

    /// A cookie of the console's path.
    func cookie(_ name: String, _ value: String, maxAge: Int?) -> String {
        Cookies.setCookie(name, value: value, path: Self.base, maxAge: maxAge, insecure: insecureCookies)
    }

    /// Calls `operation` with `input` as the caller: its key's policy must allow the action on
    /// the pool the input names (else `*`), as for the admin API's call.
    /// - Returns: the operation's output as JSON values.
    func call(_ operation: String, _ input: [String: Any], _ caller: Caller, region: String? = nil) async throws -> [String: Any] {
        let body = Array(try JSONSerialization.data(withJSONObject: input))
        let context = CallContext(region: region ?? (input["UserPoolId"] as? String).flatMap(UserPoolID.region(of:)) ?? caller.context.region,
                                  accountID: caller.context.accountID, requestID: caller.context.requestID, logger: caller.context.logger,
                                  peer: caller.context.peer)
        if let key = caller.key {
            try AdminAuthorization.check(key, action: "\(AdminAuthorization.service):\(operation)",
                                         resource: AdminAuthorization.resource(of: body, region: context.region, accountID: context.accountID))
        }
        guard let handler = operations.handler(for: operation) else { throw AWSServiceError.notImplemented(operation: operation) }
        let output = try await handler(body, context)
        return (try? JSONSerialization.jsonObject(with: Data(output))) as? [String: Any] ?? [:]
    }
}
