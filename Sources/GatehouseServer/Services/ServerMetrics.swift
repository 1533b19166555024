import GatehouseStorage
import Prometheus
import Synchronization

/// What `GET /metrics` shows, in Prometheus's text format: the API's requests by operation and
/// outcome with their latency, sign-ins by flow and result, lockouts, and messages by medium and
/// outcome. Each server process counts its own (Prometheus sums them across processes). Labels
/// take a bounded set of values: the model's operation and error names, its flows and challenges.
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()

    /// An operation's success counter and latency histogram, kept once made: a request then takes
    /// one uncontended lock rather than the registry's lookup, which builds and checks the names.
    private struct OperationMetrics: Sendable {
        let succeeded: Counter
        let duration: DurationHistogram
    }

    private let operations = Mutex<[String: OperationMetrics]>([:])
    /// Every other counter made so far, by its name and label values, kept for the same reason.
    private let counters = Mutex<[[String]: Counter]>([:])

    static var requests: MetricNameDescriptor {
        named("requests", "total", "Cognito API requests, by operation and outcome (success, or the error's type).")
    }
    static var requestDuration: MetricNameDescriptor {
        named("request_duration", "seconds", "How long the server took to answer a Cognito API request, by operation.")
    }
    static var signIns: MetricNameDescriptor {
        named("sign_ins", "total", "Sign-in steps, by flow (or the challenge answered) and result (tokens, a challenge, or the error's type).")
    }
    static var lockouts: MetricNameDescriptor {
        named("lockouts", "total", "Sign-ins refused because wrong passwords or codes locked the user out.")
    }
    static var databaseCalls: MetricNameDescriptor {
        named("database_calls_in_flight", "", "Store calls holding a connection or waiting for one (on SQLite: writes, which share its writer).")
    }
    static var databaseConnections: MetricNameDescriptor {
        named("database_connections", "", "The connections those calls share: PostgreSQL's pool size, SQLite's one writer.")
    }
    static var messages: MetricNameDescriptor {
        named("messages", "total", "Messages by medium and outcome: STORED (no transport for the medium), SENT or FAILED.")
    }

    /// `gatehouse_<name>_<unit>`.
    private static func named(_ name: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "gatehouse", metricName: name, unitName: unit, helpText: help)
    }

    /// From 1 ms to 5 s: a sign-in takes a few milliseconds; a trigger's timeout, seconds.
    static let durationBuckets: [Duration] = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000].map { .milliseconds($0) }

    /// A Cognito API request answered: `operation` is a name of the model, or `unknown`.
    func request(_ operation: String, outcome: String, took duration: Duration) {
        let metrics = operations.withLock { made in
            if let known = made[operation] { return known }
            let new = OperationMetrics(
                succeeded: registry.makeCounter(descriptor: Self.requests, labels: [("operation", operation), ("outcome", "success")]),
                duration: registry.makeDurationHistogram(descriptor: Self.requestDuration, labels: [("operation", operation)],
                                                         buckets: Self.durationBuckets))
            made[operation] = new
            return new
        }
        metrics.duration.record(duration)
        if outcome == "success" {
            metrics.succeeded.increment()
        } else {
            counter(Self.requests, [("operation", operation), ("outcome", outcome)]).increment()
        }
    }

    /// A sign-in step: `flow` is the AuthFlow that started it or the challenge answered; `result`
    /// is `tokens`, the next challenge's name, or the error's type.
    func signIn(_ flow: String, result: String, lockedOut: Bool) {
        counter(Self.signIns, [("flow", flow), ("result", result)]).increment()
        if lockedOut { counter(Self.lockouts, []).increment() }
    }

    /// A message kept in the outbox or delivered.
    func message(_ medium: String, status: String) {
        counter(Self.messages, [("medium", medium), ("status", status)]).increment()
    }

    /// The registry's counter of `descriptor` with `labels`, made once.
    private func counter(_ descriptor: MetricNameDescriptor, _ labels: [(String, String)]) -> Counter {
        let key = [descriptor.metricName] + labels.map(\.1)
        return counters.withLock { made in
            if let known = made[key] { return known }
            let new = registry.makeCounter(descriptor: descriptor, labels: labels)
            made[key] = new
            return new
        }
    }

    /// Everything counted so far, and the store's `usage` now, in Prometheus's text format.
    func exposition(usage: StorageUsage) -> [UInt8] {
        registry.makeGauge(descriptor: Self.databaseCalls, labels: []).set(Double(usage.callsInFlight))
        registry.makeGauge(descriptor: Self.databaseConnections, labels: []).set(Double(usage.connections))
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}
