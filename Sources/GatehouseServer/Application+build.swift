import AWSWire
import Foundation
import GatehouseStorage
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle

/// Assembles the server from its configuration: the storage engine it names, then
/// ``buildApplication(gatehouse:storage:admin:configuration:logger:)``.
public func buildApplication(configuration: GatehouseConfiguration, logger: Logger) async throws -> some ApplicationProtocol {
    let admin = try AdminAuthorization(configuration: configuration)
    let tls = try ServerTLS.context(configuration)
    let masterKey = try MasterKeySource.resolve(configuration, random: .system).written()
    if configuration.databaseURL == nil {
        try FileManager.default.createDirectory(atPath: configuration.dataDirectory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }
    let storageService = try await StorageService.open(configuration, logger: logger)
    let gatehouse = try await storageService.closing {
        try Gatehouse(storage: storageService.storage, masterKey: masterKey.key, configuration: configuration, logger: logger)
    }
    logger.info("gatehouse starting", metadata: [
        "address": "\(configuration.host):\(configuration.port)",
        "storage": "\(configuration.databaseURL == nil ? "sqlite:\(configuration.sqlitePath)" : "postgres")",
        "admin": "\(admin.summary)",
        "master key": "\(masterKey.key.id) from \(masterKey.origin)",
    ])
    try await storageService.closing {
        try await masterKey.establish(gatehouse.vault)
        try await gatehouse.loadServerKeys()
        if let bootstrap = configuration.bootstrap {
            let applied = try await gatehouse.declaredState.apply(bootstrap, logger: logger)
            logger.info("bootstrap state applied", metadata: DeclaredStateFeature.summary(applied))
        }
    }
    if let loose = masterKey.looseFile {
        logger.warning("the master key file can be read by others than its owner: chmod 600 it", metadata: ["file": "\(loose)"])
    }
    if configuration.databaseURL == nil, MasterKeySource.isLoose(configuration.dataDirectory) {
        logger.warning("the data directory can be entered by others than its owner: chmod 700 it",
                       metadata: ["directory": "\(configuration.dataDirectory)"])
    }
    if configuration.developmentOutbox || configuration.developmentClock || configuration.developmentReset {
        logger.warning("development mode: not for real users", metadata: [
            "outbox": "\(configuration.developmentOutbox ? "keeps codes and temporary passwords, served at GET /_gatehouse/outbox" : "off")",
            "clock": "\(configuration.developmentClock ? "movable at POST /_gatehouse/clock" : "off")",
            "reset": "\(configuration.developmentReset ? "every pool deleted at POST /_gatehouse/reset" : "off")",
            "served to": "\(configuration.developmentFromAnywhere ? "any address (--development-from-anywhere)" : "loopback only")",
        ])
    }
    return buildApplication(gatehouse: gatehouse, storage: storageService, admin: admin, tls: tls, configuration: configuration,
                            logger: logger)
}

/// Assembles the server around a service and its store: the HTTP/1 channel that answers `POST /`
/// itself and hands every other request to the router, the store's lifecycle, the record pruner.
/// Production and the in-process tests both run this.
func buildApplication(gatehouse: Gatehouse, storage: StorageService, admin: AdminAuthorization, tls: NIOSSLContext? = nil,
                      configuration: GatehouseConfiguration, logger: Logger) -> some ApplicationProtocol {
    let responder = buildRouter(gatehouse: gatehouse, admin: admin, configuration: configuration).buildResponder()
    let dispatcher = AWSJSONDispatcher(registry: gatehouse.operations, configuration: configuration, admin: admin,
                                       quotas: RequestQuotas(rates: configuration.requestQuotas), metrics: gatehouse.metrics,
                                       tracer: gatehouse.tracer)
    let limits = ConnectionLimits(maximumConnections: configuration.maximumConnections,
                                  requestTimeout: .seconds(Int64(configuration.requestTimeoutSeconds)), bodyBudget: configuration.bodyBudget)
    // The builder is handed Hummingbird's own request closure; HTTP1RouterChannel calls the router itself.
    let server = HTTPServerBuilder { _ in
        HTTP1RouterChannel(responder: responder, dispatcher: dispatcher, hosts: configuration.hostAllowList,
                           maximumBodySize: configuration.maximumBodySize, limits: limits, tls: tls, serverName: "Gatehouse")
    }
    return Application(
        responder: responder,
        server: server,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
        // Listed after the store, so it stops before the store closes.
        services: [storage, RecordPruner(gatehouse: gatehouse, outboxRetentionHours: configuration.outboxRetentionHours, logger: logger)]
            + traceExport(gatehouse, configuration, logger),
        logger: logger)
}

/// The exporter of the requests' spans, when the server exports traces.
func traceExport(_ gatehouse: Gatehouse, _ configuration: GatehouseConfiguration, _ logger: Logger) -> [any Service] {
    guard let tracer = gatehouse.tracer, let endpoint = configuration.otlpEndpoint else { return [] }
    return [OTLPExporter(tracer: tracer, endpoint: endpoint, serviceName: configuration.serviceName, logger: logger)]
}

/// Every request but the Cognito API's (`POST /`, which the HTTP/1 channel hands to the
/// dispatcher itself): `GET /health` (liveness), `GET /ready` (readiness: the store serves reads
/// with this build's schema), `GET /metrics` (Prometheus), each pool's `/.well-known/jwks.json` and
/// `/.well-known/openid-configuration`, the pool domains' OAuth endpoints and managed login
/// pages, the API's CORS preflight, `GET /confirmUser` (the link of sign-up emails),
/// `/authEventFeedback` (the links of threat protection's notify emails), `POST /_gatehouse/apply`
/// (a declared state, an admin call), the console under `/_gatehouse/console` and, in
/// development mode, `GET /_gatehouse/outbox`, `POST /_gatehouse/clock` and `POST /_gatehouse/reset`,
/// behind the error middleware.
func buildRouter(gatehouse: Gatehouse, admin: AdminAuthorization, configuration: GatehouseConfiguration) -> Router<GatehouseRequestContext> {
    let router = Router(context: GatehouseRequestContext.self)
    if let tracer = gatehouse.tracer { router.add(middleware: RequestTracingMiddleware(tracer: tracer)) }
    router.add(middleware: AWSErrorMiddleware())
    router.get("/health") { _, _ in
        Response(status: .ok, headers: [.contentType: "application/json"],
                 body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
    }
    router.get("/metrics") { request, context in
        guard configuration.metricsFromAnywhere || LocalCaller.isLocal(request, context) else {
            throw AWSServiceError(type: "AccessDeniedException", message: "The metrics answer this machine only; "
                + "start the server with --metrics-from-anywhere to serve them to others.", status: 403)
        }
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: gatehouse.metrics.exposition(usage: gatehouse.storage.usage()))))
    }
    router.get("/ready") { _, context in
        do {
            try await gatehouse.storage.checkReady()
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ready"}"#)))
        } catch {
            // What went wrong goes to the log, not to whoever asks.
            context.logger.warning("not ready", metadata: ["error": "\(error)"])
            return Response(status: .serviceUnavailable, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: #"{"status":"unavailable"}"#)))
        }
    }
    router.get("/:poolId/.well-known/jwks.json") { _, context in
        OAuthResponses.json(try await gatehouse.tokens.jwks(userPoolID: context.parameters.require("poolId")))
    }
    router.get("/:poolId/.well-known/openid-configuration") { _, context in
        OAuthResponses.json(try await gatehouse.tokens.openIDConfiguration(userPoolID: context.parameters.require("poolId")))
    }
    gatehouse.oauth.register(on: router)
    gatehouse.managedLogin.register(on: router)
    router.on("/", method: .options) { request, _ in OAuthResponses.preflight(request, methods: "POST", allowingAuthorization: false) }
    router.get("/confirmUser") { request, _ in
        let query = request.uri.queryParameters
        guard let clientID = query.get("client_id"), let username = query.get("user_name"),
              let code = query.get("confirmation_code") else {
            return ConfirmUserPage.failed("The link lacks client_id, user_name or confirmation_code.")
        }
        do {
            try await gatehouse.signUp.confirmUser(clientID: clientID, username: username, code: code)
            return ConfirmUserPage.confirmed
        } catch let error as AWSServiceError {
            return ConfirmUserPage.failed(error.message)
        }
    }
    for method in [HTTPRequest.Method.get, .post] {
        router.on("/authEventFeedback", method: method) { request, _ in try await gatehouse.threatProtection.feedbackLink(request) }
    }
    ConsoleFeature(operations: gatehouse.operations, storage: gatehouse.storage, admin: admin, sessionSeal: gatehouse.consoleSessionSeal,
                   configuration: configuration, pages: ConsolePages(), clock: gatehouse.clock, random: gatehouse.random).register(on: router)
    router.post("/_gatehouse/apply") { request, context in
        try await gatehouse.declaredState.answer(request, context: context, admin: admin, maximumBodySize: configuration.maximumBodySize)
    }
    /// Development endpoints answer this machine only, unless the server was told otherwise, and
    /// never a web page (a page could otherwise reset a developer's server from any site).
    @Sendable func checkDevelopmentCaller(_ request: Request, _ context: GatehouseRequestContext) throws {
        guard configuration.developmentFromAnywhere || LocalCaller.isLocal(request, context) else {
            throw AWSServiceError(type: "AccessDeniedException", message: "The development endpoints answer this machine only; "
                + "start the server with --development-from-anywhere to serve them to others.", status: 403)
        }
        guard !LocalCaller.isWebPage(request) else {
            throw AWSServiceError(type: "AccessDeniedException", message: "The development endpoints do not answer web pages.", status: 403)
        }
    }
    if configuration.developmentOutbox {
        router.get("/_gatehouse/outbox") { request, context in
            try checkDevelopmentCaller(request, context)
            return try await gatehouse.outbox.answer(request.uri.queryParameters)
        }
    }
    if let clock = gatehouse.developmentClock {
        router.post("/_gatehouse/clock") { request, context in
            try checkDevelopmentCaller(request, context)
            guard let seconds = request.uri.queryParameters.get("advanceSeconds", as: Double.self), seconds >= 0, seconds.isFinite else {
                throw AWSServiceError.invalidParameterException("advanceSeconds must be a number of seconds, 0 or more.")
            }
            clock.advance(by: seconds)
            let now = gatehouse.clock.now().timeIntervalSince1970
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: #"{"Now":\#(now)}"#)))
        }
    }
    if configuration.developmentReset {
        router.post("/_gatehouse/reset") { request, context in
            try checkDevelopmentCaller(request, context)
            let (deleted, restored) = try await gatehouse.developmentReset.reset()
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: #"{"DeletedUserPools":\#(deleted),"RestoredUserPools":\#(restored)}"#)))
        }
    }
    return router
}
