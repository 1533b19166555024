import NIOCore
import Synchronization

/// What one client may hold of the server: connections are counted, and beyond the maximum a new
/// one is closed at once; a connection must deliver each whole request (head and body) within the
/// request timeout, counted from when it opened or when its previous response was written, or it
/// is closed. That bounds idle connections and slow senders alike.
final class ConnectionLimits: Sendable {
    let maximumConnections: Int
    let requestTimeout: TimeAmount
    private let open = Atomic<Int>(0)

    init(maximumConnections: Int, requestTimeout: TimeAmount) {
        self.maximumConnections = maximumConnections
        self.requestTimeout = requestTimeout
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
