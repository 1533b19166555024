import ArgumentParser
import DeclaredState
import Foundation
import GatehouseCore
import GatehouseServer
import Hummingbird
import Logging

/// `gatehouse serve`: runs the server until SIGTERM or SIGINT. Every option can also come from the
/// environment variable named in its help; a flag wins over the environment.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the Gatehouse server.")

    @Option(help: "Address to listen on [GATEHOUSE_HOST, default 127.0.0.1].") var host: String?
    @Option(help: "Port to listen on [GATEHOUSE_PORT, default 9229].") var port: Int?
    @OptionGroup var store: StoreOptions
    @OptionGroup var masterKey: MasterKeyOption
    @Option(help: "Region of requests without a SigV4 credential scope [GATEHOUSE_REGION, default us-east-1].")
    var region: String?
    @Option(help: "Account id in ARNs [GATEHOUSE_ACCOUNT_ID, default 123456789012].") var accountId: String?
    @Option(help: "text, or json: one JSON object per line on standard error, for log collectors [GATEHOUSE_LOG_FORMAT, default text].")
    var logFormat: String?
    @Option(help: "trace, debug, info, notice, warning, error or critical [GATEHOUSE_LOG_LEVEL, default info].")
    var logLevel: String?
    @Flag(help: "Keep codes and temporary passwords in the outbox and serve it at GET /_gatehouse/outbox; for development only [GATEHOUSE_DEVELOPMENT_OUTBOX=1].")
    var developmentOutbox = false
    @Flag(help: "Serve POST /_gatehouse/clock?advanceSeconds=N, which moves the server's clock forward; for development only [GATEHOUSE_DEVELOPMENT_CLOCK=1].")
    var developmentClock = false
    @Flag(help: "Serve POST /_gatehouse/reset, which deletes every user pool and all that is theirs and applies --bootstrap again; for development only [GATEHOUSE_DEVELOPMENT_RESET=1].")
    var developmentReset = false
    @Option(help: "A declared state (YAML or JSON: pools with fixed ids, clients, domains, groups, users) to apply before serving [GATEHOUSE_BOOTSTRAP].")
    var bootstrap: String?
    @Option(help: "Hours the outbox keeps a message; 0 keeps them for ever [GATEHOUSE_OUTBOX_RETENTION_HOURS, default 168].")
    var outboxRetentionHours: Int?
    @Option(help: "SMTP relay for emails: smtp://, smtp+starttls:// or smtps://[user:password@]host[:port] [GATEHOUSE_SMTP_URL].")
    var smtpURL: String?
    @Flag(help: "Accept any certificate from the SMTP relay [GATEHOUSE_SMTP_INSECURE=1].") var smtpInsecure = false
    @Option(help: "URL that each SMS is POSTed to as JSON [GATEHOUSE_SMS_WEBHOOK_URL].") var smsWebhookURL: String?
    @Option(help: "Lambda Invoke API endpoint for trigger functions [GATEHOUSE_LAMBDA_ENDPOINT_URL, default AWS Lambda of each function's region].")
    var lambdaEndpointURL: String?
    @Option(help: "KMS API endpoint for the custom senders' data keys [GATEHOUSE_KMS_ENDPOINT_URL, default AWS KMS of each key's region].")
    var kmsEndpointURL: String?
    @Option(help: "JSON file of the access keys (with their principals and policies) that may call the admin API [GATEHOUSE_ACCESS_KEYS_FILE; without it, unsigned admin calls are taken from loopback only].")
    var accessKeysFile: String?
    @Flag(help: "Without --access-keys-file, take unsigned admin calls from any address [GATEHOUSE_ALLOW_UNSIGNED_ADMIN=1].")
    var allowUnsignedAdmin = false
    @Option(help: "A Host name the server answers to besides IP addresses and localhost names; repeatable [GATEHOUSE_ALLOWED_HOSTS, comma-separated].")
    var allowedHost: [String] = []
    @Option(help: "A file the logs pools export (SetLogDeliveryConfiguration) are appended to, one JSON record per line [GATEHOUSE_LOG_DELIVERY_FILE].")
    var logDeliveryFile: String?
    @Option(help: "A URL each log record pools export is POSTed to as JSON [GATEHOUSE_LOG_DELIVERY_URL].")
    var logDeliveryURL: String?
    @Option(help: "An address range (CIDR) of proxies whose X-Forwarded-For names the client, for threat protection and devices; repeatable [GATEHOUSE_TRUSTED_PROXIES, comma-separated; default none].")
    var trustedProxy: [String] = []
    @Option(help: "An OpenTelemetry collector to send traces to, OTLP over HTTP (<URL>/v1/traces) [GATEHOUSE_OTLP_ENDPOINT, else OTEL_EXPORTER_OTLP_ENDPOINT; the service.name from OTEL_SERVICE_NAME, default gatehouse].")
    var otlpEndpoint: String?
    @Flag(help: "Serve GET /metrics to other machines too, for a Prometheus elsewhere [GATEHOUSE_METRICS_FROM_ANYWHERE=1].")
    var metricsFromAnywhere = false
    @Flag(help: "Serve the development endpoints to other machines too [GATEHOUSE_DEVELOPMENT_FROM_ANYWHERE=1].")
    var developmentFromAnywhere = false
    @Option(help: "PEM file of the certificate chain to speak TLS with [GATEHOUSE_TLS_CERTIFICATE; with --tls-private-key].")
    var tlsCertificate: String?
    @Option(help: "PEM file of the TLS certificate's private key [GATEHOUSE_TLS_PRIVATE_KEY].")
    var tlsPrivateKey: String?
    @Option(help: "Connections held at once; a further one is closed as it opens [GATEHOUSE_MAX_CONNECTIONS, default 4096].")
    var maxConnections: Int?
    @Option(help: "Seconds a connection has to deliver its next whole request [GATEHOUSE_REQUEST_TIMEOUT_SECONDS, default 60].")
    var requestTimeoutSeconds: Int?
    @Option(help: "MiB of request bodies held at once while they arrive, all connections together [GATEHOUSE_BODY_BUDGET_MIB, default 256].")
    var bodyBudgetMib: Int?
    @Option(help: "off, or cognito: hold requests to Cognito's default rate quotas per operation category [GATEHOUSE_REQUEST_QUOTAS, default off].")
    var requestQuotas: String?
    @Option(help: "A category's quota in requests per second, e.g. UserAuthentication=200; repeatable [GATEHOUSE_REQUEST_QUOTA, comma-separated].")
    var requestQuota: [String] = []
    @Option(help: "Seconds a call waits for PostgreSQL before it fails with a 500 [GATEHOUSE_DATABASE_TIMEOUT_SECONDS, default 10].")
    var databaseTimeoutSeconds: Int?
    @Option(help: "PostgreSQL connections this process holds open; all processes together stay below PostgreSQL's max_connections [GATEHOUSE_DATABASE_POOL_SIZE, default 8].")
    var databasePoolSize: Int?
    @Option(help: "MiB the SQLite file may grow to; writes past it fail as on a full disk [GATEHOUSE_SQLITE_MAX_SIZE_MIB, default unbounded].")
    var sqliteMaxSizeMib: Int?
    @Option(help: "Base URL of the tokens' issuer (iss is it followed by /<pool id>) [GATEHOUSE_ISSUER_URL, default http://host:port].")
    var issuerURL: String?
    @Option(help: "Pool domains answer on <domain>.auth.<region>.<base> and are listed there; without it, on *.localhost and listed as <issuer URL>/_domain/<domain> [GATEHOUSE_DOMAIN_BASE].")
    var domainBase: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var configuration = GatehouseConfiguration()
        configuration.host = host ?? environment["GATEHOUSE_HOST"] ?? configuration.host
        configuration.port = try port ?? environment["GATEHOUSE_PORT"].map(Self.parsePort) ?? configuration.port
        store.apply(to: &configuration, environment: environment)
        masterKey.apply(to: &configuration, environment: environment)
        configuration.defaultRegion = region ?? environment["GATEHOUSE_REGION"] ?? configuration.defaultRegion
        configuration.accountID = accountId ?? environment["GATEHOUSE_ACCOUNT_ID"] ?? configuration.accountID
        configuration.developmentOutbox = developmentOutbox || environment["GATEHOUSE_DEVELOPMENT_OUTBOX"] == "1"
        configuration.developmentClock = developmentClock || environment["GATEHOUSE_DEVELOPMENT_CLOCK"] == "1"
        configuration.developmentReset = developmentReset || environment["GATEHOUSE_DEVELOPMENT_RESET"] == "1"
        let bootstrapFile = try (bootstrap ?? environment["GATEHOUSE_BOOTSTRAP"]).map(DeclarationFile.init(path:))
        configuration.bootstrap = try bootstrapFile?.state()
        configuration.outboxRetentionHours = try outboxRetentionHours
            ?? environment["GATEHOUSE_OUTBOX_RETENTION_HOURS"].map(Self.parseHours) ?? configuration.outboxRetentionHours
        guard configuration.outboxRetentionHours >= 0 else { throw ValidationError("--outbox-retention-hours must be 0 or more") }
        configuration.smtpURL = smtpURL ?? environment["GATEHOUSE_SMTP_URL"]
        configuration.smtpInsecure = smtpInsecure || environment["GATEHOUSE_SMTP_INSECURE"] == "1"
        configuration.smsWebhookURL = smsWebhookURL ?? environment["GATEHOUSE_SMS_WEBHOOK_URL"]
        configuration.issuerURL = issuerURL ?? environment["GATEHOUSE_ISSUER_URL"]
        configuration.domainBase = domainBase ?? environment["GATEHOUSE_DOMAIN_BASE"]
        configuration.lambdaEndpointURL = lambdaEndpointURL ?? environment["GATEHOUSE_LAMBDA_ENDPOINT_URL"]
        configuration.kmsEndpointURL = kmsEndpointURL ?? environment["GATEHOUSE_KMS_ENDPOINT_URL"]
        configuration.accessKeysFile = accessKeysFile ?? environment["GATEHOUSE_ACCESS_KEYS_FILE"]
        configuration.allowUnsignedAdmin = allowUnsignedAdmin || environment["GATEHOUSE_ALLOW_UNSIGNED_ADMIN"] == "1"
        configuration.allowedHosts = allowedHost.isEmpty
            ? (environment["GATEHOUSE_ALLOWED_HOSTS"] ?? "").split(separator: ",").map { $0.trimmingWhitespace }.filter { !$0.isEmpty }
            : allowedHost
        configuration.logDeliveryFile = logDeliveryFile ?? environment["GATEHOUSE_LOG_DELIVERY_FILE"]
        configuration.logDeliveryURL = logDeliveryURL ?? environment["GATEHOUSE_LOG_DELIVERY_URL"]
        configuration.trustedProxies = try (trustedProxy.isEmpty
            ? (environment["GATEHOUSE_TRUSTED_PROXIES"] ?? "").split(separator: ",").map { $0.trimmingWhitespace }.filter { !$0.isEmpty }
            : trustedProxy).map { range in
                guard let parsed = IPAddressRange(cidr: range) else { throw ValidationError("--trusted-proxy \(range) is not an address range in CIDR notation.") }
                return parsed
            }
        configuration.otlpEndpoint = otlpEndpoint ?? environment["GATEHOUSE_OTLP_ENDPOINT"] ?? environment["OTEL_EXPORTER_OTLP_ENDPOINT"]
        configuration.serviceName = environment["OTEL_SERVICE_NAME"] ?? configuration.serviceName
        configuration.metricsFromAnywhere = metricsFromAnywhere || environment["GATEHOUSE_METRICS_FROM_ANYWHERE"] == "1"
        configuration.developmentFromAnywhere = developmentFromAnywhere || environment["GATEHOUSE_DEVELOPMENT_FROM_ANYWHERE"] == "1"
        configuration.tlsCertificatePath = tlsCertificate ?? environment["GATEHOUSE_TLS_CERTIFICATE"]
        configuration.tlsPrivateKeyPath = tlsPrivateKey ?? environment["GATEHOUSE_TLS_PRIVATE_KEY"]
        /// A count from its flag, else from the environment variable `name`, else `fallback`.
        func count(_ flag: Int?, _ name: String, _ fallback: Int) throws -> Int {
            try flag ?? environment[name].map { try Self.parsePositive($0, name) } ?? fallback
        }
        configuration.maximumConnections = try count(maxConnections, "GATEHOUSE_MAX_CONNECTIONS", configuration.maximumConnections)
        configuration.requestTimeoutSeconds = try count(requestTimeoutSeconds, "GATEHOUSE_REQUEST_TIMEOUT_SECONDS",
                                                        configuration.requestTimeoutSeconds)
        configuration.databaseTimeoutSeconds = try count(databaseTimeoutSeconds, "GATEHOUSE_DATABASE_TIMEOUT_SECONDS",
                                                         configuration.databaseTimeoutSeconds)
        configuration.databasePoolSize = try count(databasePoolSize, "GATEHOUSE_DATABASE_POOL_SIZE", configuration.databasePoolSize)
        configuration.bodyBudget = try count(bodyBudgetMib, "GATEHOUSE_BODY_BUDGET_MIB", configuration.bodyBudget / 1_048_576) * 1_048_576
        guard configuration.maximumConnections > 0, configuration.requestTimeoutSeconds > 0, configuration.bodyBudget > 0,
              configuration.databaseTimeoutSeconds > 0, configuration.databasePoolSize > 0 else {
            throw ValidationError("--max-connections, --request-timeout-seconds, --body-budget-mib, --database-timeout-seconds and --database-pool-size must be 1 or more")
        }
        configuration.sqliteMaximumSizeMiB = try sqliteMaxSizeMib
            ?? environment["GATEHOUSE_SQLITE_MAX_SIZE_MIB"].map { try Self.parsePositive($0, "GATEHOUSE_SQLITE_MAX_SIZE_MIB") }
        guard configuration.sqliteMaximumSizeMiB ?? 1 > 0 else { throw ValidationError("--sqlite-max-size-mib must be 1 or more") }
        do {
            try configuration.setRequestQuotas(requestQuotas ?? environment["GATEHOUSE_REQUEST_QUOTAS"] ?? "off", overrides: requestQuota.isEmpty
                ? (environment["GATEHOUSE_REQUEST_QUOTA"] ?? "").split(separator: ",").map(String.init) : requestQuota)
        } catch let error as GatehouseConfiguration.InvalidQuota {
            throw ValidationError(error.description)
        }
        configuration.environment = environment
        if let level = logLevel ?? environment["GATEHOUSE_LOG_LEVEL"] {
            guard let parsed = Logger.Level(rawValue: level) else { throw ValidationError("unknown log level \(level)") }
            configuration.logLevel = parsed
        }
        switch logFormat ?? environment["GATEHOUSE_LOG_FORMAT"] ?? "text" {
        case "text": break
        case "json": LoggingSystem.bootstrap { JSONLogHandler(label: $0) }
        case let other: throw ValidationError("unknown log format \(other): text or json")
        }
        var logger = Logger(label: "gatehouse")
        logger.logLevel = configuration.logLevel
        umask(0o077)  // the database's files and the master key file: their owner's only
        do {
            try await buildApplication(configuration: configuration, logger: logger).runService()
        } catch let error as DeclarationError {
            throw bootstrapFile?.refusal(error) ?? error
        }
    }

    static func parsePositive(_ text: String, _ name: String) throws -> Int {
        guard let value = Int(text), value > 0 else { throw ValidationError("invalid \(name) \(text)") }
        return value
    }

    static func parseHours(_ text: String) throws -> Int {
        guard let hours = Int(text), hours >= 0 else { throw ValidationError("invalid GATEHOUSE_OUTBOX_RETENTION_HOURS \(text)") }
        return hours
    }

    static func parsePort(_ text: String) throws -> Int {
        guard let port = Int(text), (0...65535).contains(port) else { throw ValidationError("invalid GATEHOUSE_PORT \(text)") }
        return port
    }
}
