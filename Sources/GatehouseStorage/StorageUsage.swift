/// How busy a store's connections are, as `GET /metrics` shows it.
public struct StorageUsage: Sendable, Equatable {
    /// Calls that hold a connection or wait for one: every call on PostgreSQL; on SQLite the
    /// writes, which share its one writer (reads run on each thread's own connection).
    public let callsInFlight: Int
    /// The connections those calls share: PostgreSQL's pool; SQLite's one writer.
    public let connections: Int

    public init(callsInFlight: Int, connections: Int) {
        self.callsInFlight = callsInFlight
        self.connections = connections
    }
}
