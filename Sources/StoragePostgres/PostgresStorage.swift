import Foundation
import GatehouseStorage
import Logging
import NIOSSL
import PostgresNIO
import Synchronization

/// The PostgreSQL engine: every store of ``Storage`` over one `PostgresClient` connection pool.
///
/// Lifecycle, in this order:
/// 1. `init(url:logger:)` parses the URL and creates the pool; it opens no connection.
/// 2. ``run()`` must be running (in a long-lived task or as a service) before anything else is
///    called: the pool leases connections only while it runs, and every call waits until it does.
///    Cancelling the task that runs it closes the pool.
/// 3. ``migrate()`` brings the schema up to date; the server awaits it before serving requests.
///    Several processes may migrate the same database at once (see ``PostgresMigrations``).
/// 4. ``shutdown()`` only marks the store closed, so later calls throw instead of waiting; the
///    connections close when the task running ``run()`` is cancelled, which is the owner's job.
///
/// All SQL goes through `PostgresQuery` interpolation, which sends every value as a bound
/// parameter. Errors leave as ``StorageError``: a unique violation (SQLSTATE 23505) as
/// ``StorageError/duplicate``, a foreign key violation (23503: the record's pool does not exist)
/// as ``StorageError/notFound``, any other database or connection failure as
/// ``StorageError/engine(_:)``; an error thrown by a caller's closure is rethrown unchanged.
public final class PostgresStorage: Storage {
    let client: PostgresClient
    let logger: Logger
    private let state = OpenState()

    /// How long a call waits for the database before it fails with ``StorageError/unavailable``.
    let timeout: Duration
    /// The calls in flight, each answered with ``StorageError/unavailable`` once ``timeout`` passes.
    private let deadlines = CallDeadlines()
    /// How many calls hold a connection or wait for one, and how many connections there are.
    private let callsInFlight = Atomic<Int>(0)
    private let poolSize: Int
    /// Reads of the count of changes to what is kept below (``changeCount()``).
    let changeCounts = BatchedReads<Bool, Int64>()
    /// Pools by id: at most 1,000 records of a few KB (a pool's document with its schema and templates).
    let pools = ChangeCountedCache<String, UserPoolRecord>(capacity: 1_000)
    /// App clients by client id: at most 10,000 records of about a KB.
    let clients = ChangeCountedCache<String, UserPoolItemRecord>(capacity: 10_000)
    /// Pools' signing keys records by pool id and key: at most 1,000 of a few KB (sealed RSA keys).
    let signingKeys = ChangeCountedCache<String, UserPoolItemRecord>(capacity: 1_000)
    /// The pools' numbers of users, for a second whatever the change count (read at count 0): what
    /// DescribeUserPool shows as EstimatedNumberOfUsers, an estimate in Cognito too.
    let userCounts = ChangeCountedCache<String, Int>(capacity: 10_000, maximumAge: .seconds(1))
    /// Reads of users by pool id and key, and of ListUsers' pages with `=`, made at once.
    let userReads = BatchedReads<UserKey, UserRecord>()
    let valuePages = BatchedReads<ValuePage, [UserRecord]>()
    /// Concurrent updates of one user, by pool id and key, and of one pool, by id.
    let userUpdates = UpdateBatches<UserRecord>()
    let poolUpdates = UpdateBatches<UserPoolRecord>()

    /// Creates the store for a database URL, `postgres://user[:password]@host[:port]/database`
    /// (`postgresql://` too), with libpq's TLS parameters: `sslmode` `disable`; `allow` or
    /// `prefer` (TLS when the server offers it, unverified); `require` (TLS, unverified);
    /// `verify-ca` (TLS, the certificate signed by a trusted CA); `verify-full` (and naming the
    /// host); and `sslrootcert`, the PEM file of the CAs to trust (default: the system's). As in
    /// libpq, `host=/directory` connects through the Unix socket `/directory/.s.PGSQL.<port>`
    /// instead (the URL's own host may then be empty: `postgres://user@/database?host=/run/postgresql`).
    /// - Parameter poolSize: the connections held open, from the start (so that no idle timer runs
    ///   per query); one that closes is opened again at once.
    /// - Throws: ``InvalidURL`` when the URL does not have that form.
    public init(url: String, logger: Logger, timeout: Duration = .seconds(10), poolSize: Int = 8) throws {
        self.timeout = timeout
        self.poolSize = poolSize
        var configuration = try Self.configuration(url: url)
        configuration.options.minimumConnections = poolSize
        configuration.options.maximumConnections = poolSize
        // No keep-alive query either: like an idle timeout, it would cost a timer each time a
        // connection is given back; a connection that died is replaced when its failure is seen.
        configuration.options.keepAliveBehavior = nil
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
    }

    /// Runs the connection pool, and the watch that answers calls past ``timeout``, until the
    /// calling task is cancelled (or, under ServiceLifecycle, until graceful shutdown). Call it
    /// exactly once.
    public func run() async {
        await withDiscardingTaskGroup { group in
            group.addTask { [deadlines, timeout] in
                await deadlines.watch(every: min(max(timeout / 10, .milliseconds(10)), .seconds(1)))
            }
            await self.client.run()
            group.cancelAll()
        }
    }

    /// Applies the migrations this version knows and the database lacks. Needs ``run()`` running.
    public func migrate() async throws {
        try await self.perform(bounded: false) {
            try await PostgresMigrations.apply(on: self.client, logger: self.logger)
        }
    }

    /// Marks the store closed: later calls throw ``StorageError/engine(_:)``. The pool itself
    /// closes when the task running ``run()`` is cancelled; this method does not (cannot) stop it.
    public func shutdown() async throws {
        self.state.close()
    }

    public func usage() -> StorageUsage {
        StorageUsage(callsInFlight: callsInFlight.load(ordering: .relaxed), connections: poolSize)
    }

    /// Runs `body` on an open store, translating engine errors into ``StorageError``. A body that
    /// has not finished within ``timeout`` (the database unreachable: the pool waits for a
    /// connection as long as it takes, and a statement on a dying connection may never end) is
    /// cancelled and left to end in its own time, and ``StorageError/unavailable`` thrown, so a
    /// request during an outage is answered, not held; whatever it wrote may or may not be committed.
    /// - Parameter bounded: `false` for work that may take long (migrations).
    @discardableResult
    func perform<Result: Sendable>(bounded: Bool = true, _ body: @escaping @Sendable () async throws -> Result) async throws -> Result {
        guard self.state.isOpen else {
            throw StorageError.engine("PostgresStorage used after shutdown()")
        }
        callsInFlight.add(1, ordering: .relaxed)
        defer { callsInFlight.subtract(1, ordering: .relaxed) }
        do {
            guard bounded else { return try await body() }
            return try await withCheckedThrowingContinuation { continuation in
                let answered = Mutex(false)
                let answer = { @Sendable (result: Swift.Result<Result, any Error>) in
                    if answered.withLock({ answered in defer { answered = true }; return !answered }) { continuation.resume(with: result) }
                }
                let work = Mutex<(task: Task<Void, Never>?, expired: Bool)>((nil, false))
                let call = self.deadlines.add(deadline: .now + self.timeout) {
                    answer(.failure(StorageError.unavailable))
                    work.withLock { work in
                        work.expired = true
                        return work.task
                    }?.cancel()
                }
                let task = Task {
                    do { answer(.success(try await body())) } catch { answer(.failure(error)) }
                    self.deadlines.remove(call)
                }
                if work.withLock({ work in
                    work.task = task
                    return work.expired
                }) {
                    task.cancel()
                }
            }
        } catch {
            throw Self.translate(error)
        }
    }

    /// Engine errors → ``StorageError``; everything else (a caller's closure, cancellation) as is.
    static func translate(_ error: any Error) -> any Error {
        switch error {
        case let error as StorageError:
            return error
        case let error as PostgresTransactionError:
            if let closureError = error.closureError {
                return translate(closureError)
            }
            return StorageError.engine(String(reflecting: error))
        case let error as PSQLError:
            switch error.serverInfo?[.sqlState] {
            case "23505": return StorageError.duplicate
            case "23503": return StorageError.notFound
            default: break
            }
            return StorageError.engine(String(reflecting: error))
        case let error as PostgresDecodingError:
            return StorageError.engine(String(reflecting: error))
        default:
            return error
        }
    }
}

// MARK: - URL

extension PostgresStorage {
    /// A database URL that ``PostgresStorage/init(url:logger:)`` cannot use.
    public struct InvalidURL: Error, CustomStringConvertible, Sendable {
        /// What is wrong; never contains the password.
        public let reason: String

        public var description: String { "invalid PostgreSQL URL: \(self.reason)" }
    }

    static func configuration(url string: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: string) else {
            throw InvalidURL(reason: "not a URL")
        }
        guard let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql" else {
            throw InvalidURL(reason: "the scheme must be postgres:// or postgresql://")
        }
        var mode = "prefer", rootCertificates: String?, socketDirectory: String?
        for item in components.queryItems ?? [] {
            switch (item.name, item.value) {
            case ("sslmode", let value?): mode = value
            case ("sslrootcert", let value?): rootCertificates = value
            case ("host", let value?) where value.hasPrefix("/"): socketDirectory = value
            default: throw InvalidURL(reason: "unsupported parameter \(item.name)")
            }
        }
        var host = components.host ?? ""
        guard !host.isEmpty || socketDirectory != nil else {
            throw InvalidURL(reason: "no host")
        }
        if host.hasPrefix("["), host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
        }
        guard let user = components.user, !user.isEmpty else {
            throw InvalidURL(reason: "no user name")
        }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else {
            throw InvalidURL(reason: "port \(port) out of range")
        }
        let path = components.path
        let database = path.hasPrefix("/") ? String(path.dropFirst()) : path
        guard !database.isEmpty, !database.contains("/") else {
            throw InvalidURL(reason: "the path must be /<database>")
        }
        var configuration: PostgresClient.Configuration
        if let socketDirectory {
            // As libpq: a host that is a directory names the Unix socket `.s.PGSQL.<port>` in it,
            // which TLS does not cover.
            guard ["disable", "allow", "prefer"].contains(mode) else {
                throw InvalidURL(reason: "sslmode=\(mode) needs TLS, which a Unix socket (host=\(socketDirectory)) does not use")
            }
            configuration = PostgresClient.Configuration(
                unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: user, password: components.password, database: database)
        } else {
            configuration = PostgresClient.Configuration(
                host: host,
                port: port,
                username: user,
                password: components.password,
                database: database,
                tls: try tls(mode: mode, rootCertificates: rootCertificates)
            )
        }
        // A wait for a row another update holds, and a transaction whose process went silent,
        // end on their own: neither can keep connections, and the rows, for good.
        configuration.options.additionalStartupParameters = [
            ("lock_timeout", "10s"), ("idle_in_transaction_session_timeout", "60s"),
        ]
        return configuration
    }

    /// The TLS of an `sslmode`, as libpq means it.
    static func tls(mode: String, rootCertificates: String?) throws -> PostgresClient.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let rootCertificates {
            guard FileManager.default.isReadableFile(atPath: rootCertificates) else {
                throw InvalidURL(reason: "sslrootcert \(rootCertificates) cannot be read")
            }
            tls.trustRoots = .file(rootCertificates)
        }
        switch mode {
        case "disable":
            return .disable
        case "allow", "prefer", "require":
            tls.certificateVerification = .none
            return mode == "require" ? .require(tls) : .prefer(tls)
        case "verify-ca":
            tls.certificateVerification = .noHostnameVerification
            return .require(tls)
        case "verify-full":
            tls.certificateVerification = .fullVerification
            return .require(tls)
        default:
            throw InvalidURL(reason: "sslmode=\(mode) is not one of disable, allow, prefer, require, verify-ca, verify-full")
        }
    }
}

// MARK: - State

/// Whether ``PostgresStorage/shutdown()`` has been called.
private final class OpenState: @unchecked Sendable {
    private let lock = NSLock()
    private var open = true

    var isOpen: Bool {
        self.lock.withLock { self.open }
    }

    func close() {
        self.lock.withLock { self.open = false }
    }
}
