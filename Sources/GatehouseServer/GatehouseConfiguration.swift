import DeclaredState
import Foundation
import GatehouseCore
import Logging

/// How a Gatehouse server is set up. `gatehouse serve` fills it from flags and environment.
public struct GatehouseConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 9229
    /// Where the SQLite file lives when no database URL is given.
    public var dataDirectory = "./gatehouse-data"
    /// `postgres://user:password@host:port/database`; `nil` for the embedded SQLite file.
    public var databaseURL: String?
    /// The region of requests whose Authorization header carries none.
    public var defaultRegion = "us-east-1"
    /// The account id in ARNs.
    public var accountID = "123456789012"
    public var logLevel: Logger.Level = .info
    /// Requests with a larger body are refused with 413 before they are parsed.
    public var maximumBodySize = 1_048_576
    /// PEM files of the certificate chain and the private key the server speaks TLS with; both
    /// `nil`: plain HTTP (behind a TLS proxy, say).
    public var tlsCertificatePath: String?
    public var tlsPrivateKeyPath: String?
    /// Connections held at once; a further one is closed as it opens.
    public var maximumConnections = 4096
    /// Seconds a connection has to deliver its next whole request, from its opening or its last response.
    public var requestTimeoutSeconds = 60
    /// Bytes of request bodies held at once while they arrive, all connections together; a body
    /// that would pass it is refused with TooManyRequestsException.
    public var bodyBudget = 256 * 1_048_576
    /// Development mode for messages: the outbox keeps the codes and temporary passwords it sends,
    /// and serves them at `GET /_gatehouse/outbox`. Off, the outbox keeps them redacted and that
    /// endpoint does not exist.
    public var developmentOutbox = false
    /// Development mode for time: `POST /_gatehouse/clock?advanceSeconds=N` moves the server's
    /// clock forward (codes, temporary passwords and tokens expire sooner). Off, that endpoint does not exist.
    public var developmentClock = false
    /// Development mode for test suites: `POST /_gatehouse/reset` deletes every pool and all that is
    /// theirs in one step and applies ``bootstrap`` again (``DevelopmentReset``), so a suite starts
    /// clean without a restart and keeps its fixed ids. Off, that endpoint does not exist.
    public var developmentReset = false
    /// The declared state (`--bootstrap FILE`) the server applies before it serves.
    public var bootstrap: DeclaredState?
    /// The OpenTelemetry collector traces are sent to (OTLP over HTTP, `<endpoint>/v1/traces`);
    /// `nil` traces nothing.
    public var otlpEndpoint: String?
    /// The traces' `service.name`.
    public var serviceName = "gatehouse"
    /// How long the outbox keeps a message, in hours; 0 keeps them for ever.
    public var outboxRetentionHours = 168
    /// The SMTP relay emails go to: `smtp://` (plain), `smtp+starttls://` or `smtps://` (TLS from
    /// the start), with `user:password@` for AUTH and `host:port`; `nil` keeps emails in the outbox only.
    public var smtpURL: String?
    /// Accept any certificate from the SMTP relay (a relay with a self-signed certificate, in tests).
    public var smtpInsecure = false
    /// The URL each SMS is POSTed to as JSON; `nil` keeps SMS in the outbox only.
    public var smsWebhookURL: String?

    /// What the `iss` of tokens starts with (followed by `/` and the pool id), and so where token
    /// verifiers look for `/.well-known/jwks.json`; `nil` for the server's own `http://host:port`.
    public var issuerURL: String?

    /// The base of the host names pool domains answer on, `<domain>.auth.<region>.<base>`; `nil`
    /// answers them under `localhost` and hands out the path form `/_domain/<domain>` of the
    /// issuer URL (``DomainAddressing``).
    public var domainBase: String?

    /// Where trigger functions are invoked (the Lambda Invoke API of LocalStack, an emulator, a
    /// test server); `nil` for AWS Lambda in each function's region.
    public var lambdaEndpointURL: String?
    /// Where the custom senders' data keys are made (the KMS API of LocalStack, moto, a test
    /// server); `nil` for AWS KMS in each key's region.
    public var kmsEndpointURL: String?
    /// The environment AWS credentials are read from (and `HOME`, for the shared files).
    public var environment: [String: String] = [:]
    /// The JSON file of the access keys that may call the IAM-authorized operations, each with its
    /// principal and policy (``AccessKeys``); `nil`: those calls are taken unsigned, from loopback only.
    public var accessKeysFile: String?
    /// Without ``accessKeysFile``, take unsigned admin calls from any address (and so allow a
    /// ``host`` beyond loopback, which is otherwise refused at start).
    public var allowUnsignedAdmin = false
    /// The `Host` names the server answers to besides IP addresses and `localhost` names
    /// (``HostAllowList``); the issuer URL's host is added.
    public var allowedHosts: [String] = []
    /// Serve the development endpoints (outbox, clock, reset) to other machines too; off, they answer loopback only.
    public var developmentFromAnywhere = false
    /// Serve `GET /metrics` to other machines too (a Prometheus elsewhere); off, it answers loopback only.
    public var metricsFromAnywhere = false
    /// A file the logs that pools export (SetLogDeliveryConfiguration) are appended to, one JSON
    /// record per line, whichever destination ARN a pool names (``LogExport``).
    public var logDeliveryFile: String?
    /// A URL each exported log record is POSTed to as JSON.
    public var logDeliveryURL: String?
    /// The proxies (load balancers) in front of the server: a request from one of them comes from
    /// the address its X-Forwarded-For names (``ForwardedClient``), for threat protection and
    /// devices. None by default: X-Forwarded-For is ignored.
    public var trustedProxies: [IPAddressRange] = []

    /// Requests per second this process takes by Cognito's operation categories; a category
    /// without one is not limited (``RequestQuotaCategory``).
    public var requestQuotas: [RequestQuotaCategory: Double] = [:]
    /// How long a call waits for PostgreSQL before it fails (500 InternalErrorException).
    public var databaseTimeoutSeconds = 10
    /// The PostgreSQL connections this process holds open, each a server process of PostgreSQL:
    /// all processes together must stay below its `max_connections` (100 by default).
    public var databasePoolSize = 8
    /// The most the SQLite file may grow to, in MiB; unbounded when `nil`.
    public var sqliteMaximumSizeMiB: Int?
    /// The file holding the master key that wraps the server's secrets (``MasterKeySource``).
    public var masterKeyFile: String?
    /// The master key itself (base64), when no file is named.
    public var masterKey: String?

    public init() {}

    /// ``issuerURL`` without a trailing slash, or `http://host:port` (`https://` with TLS).
    public var issuerBaseURL: String {
        guard let issuerURL else {
            return "\(tlsCertificatePath == nil ? "http" : "https")://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        }
        return issuerURL.hasSuffix("/") ? String(issuerURL.dropLast()) : issuerURL
    }

    /// Where pool domains answer.
    var domainAddressing: DomainAddressing {
        DomainAddressing(base: domainBase ?? "localhost", listsHostForm: domainBase != nil, issuerBaseURL: issuerBaseURL)
    }

    /// The `Host` names answered: ``allowedHosts`` and the issuer URL's host.
    var hostAllowList: HostAllowList {
        HostAllowList(names: allowedHosts + [issuerURL.flatMap { URL(string: $0)?.host }].compactMap { $0 }, domainBase: domainBase)
    }

    /// The SQLite file under ``dataDirectory``.
    public var sqlitePath: String {
        dataDirectory + "/gatehouse.sqlite3"
    }

    /// A request quota setting that is not one.
    public struct InvalidQuota: Error, CustomStringConvertible {
        public let description: String
    }

    /// Sets the request quotas: none (`off`) or Cognito's defaults (`cognito`), then each
    /// `Category=requests per second` of `overrides`.
    /// - Throws: ``InvalidQuota``.
    public mutating func setRequestQuotas(_ mode: String, overrides: [String]) throws {
        switch mode {
        case "off": requestQuotas = [:]
        case "cognito": requestQuotas = Dictionary(uniqueKeysWithValues: RequestQuotaCategory.allCases.map { ($0, $0.cognitoDefault) })
        default: throw InvalidQuota(description: "--request-quotas takes off or cognito, not \(mode)")
        }
        for override in overrides.map({ $0.trimmingWhitespace }).filter({ !$0.isEmpty }) {
            let parts = override.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let category = RequestQuotaCategory(rawValue: parts[0]), let rate = Double(parts[1]), rate > 0 else {
                throw InvalidQuota(description: "--request-quota takes Category=requests per second, a category of Cognito's quotas, not \(override)")
            }
            requestQuotas[category] = rate
        }
    }
}
