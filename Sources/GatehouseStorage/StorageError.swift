/// What a store throws. Engines translate their own errors into these cases.
public enum StorageError: Error, Equatable, Sendable {
    /// The record the call names does not exist.
    case notFound
    /// A record with the same key exists already.
    case duplicate
    /// Another record holds a value that must be unique, under this name (``UserRecord/claims``).
    case conflict(name: String)
    /// The engine failed (connection lost, disk full, …); the detail is for logs, not for clients.
    case engine(String)
    /// The database did not answer in time: unreachable, or not accepting connections.
    case unavailable
}
