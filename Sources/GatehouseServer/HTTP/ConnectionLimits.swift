import NIOCore
import Synchronization

/// What clients may hold of the server: connections are counted, and beyond the maximum a new
/// one is closed at once; a connection must deliver each whole request (head and body) within the
/// request timeout, counted from when it opened or when its previous response was written, or it
/// is closed; and the bodies being received, all connections together, may hold at most the body
/// budget in memory. That bounds idle connections and slow senders alike.
final class ConnectionLimits: Sendable {
    let maximumConnections: Int
    let requestTimeout: TimeAmount
    let bodyBudget: Int
    private let open = Atomic<Int>(0)
    private let buffered = Atomic<Int>(0)

    init(maximumConnections: Int, requestTimeout: TimeAmount, bodyBudget: Int) {
        self.maximumConnections = maximumConnections
        self.requestTimeout = requestTimeout
        self.bodyBudget = bodyBudget
    }

    /// Counts `bytes` more of bodies being received; `false`, counting nothing, when that would
    /// pass the budget.
    func reserve(_ bytes: Int) -> Bool {
        guard buffered.wrappingAdd(bytes, ordering: .relaxed).newValue <= bodyBudget else {
            buffered.wrappingSubtract(bytes, ordering: .relaxed)
            return false
        }
        return true
    }

    /// Counts out bytes ``reserve(_:)`` counted, once their body is received whole or dropped.
    func unreserve(_ bytes: Int) {
        buffered.wrappingSubtract(bytes, ordering: .relaxed)
    }

    /// Counts a new connection in; `false`, counting nothing, when the server holds its maximum.
    func admit() -> Bool {
        guard open.wrappingAdd(1, ordering: .relaxed).newValue <= maximumConnections else {
            open.wrappingSubtract(1, ordering: .relaxed)
            return false
        }
        return true
    }

    /// Counts an admitted connection out once it has closed.
    func release() {
        open.wrappingSubtract(1, ordering: .relaxed)
    }
}

/// Fired down a connection's pipeline once a response has been written: the connection's time
/// for its next request starts.
struct HTTP1ResponseWritten {}
