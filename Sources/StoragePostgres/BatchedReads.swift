import GatehouseStorage
import Synchronization

/// Reads that requests make at once, sent together: while one query is on its way, the reads that
/// arrive wait, and the next query, which leaves as soon as the first returns, reads them all. So
/// under load one round trip serves a round trip's worth of requests (each round trip costs both
/// processes more CPU than the row it reads), and a read alone leaves at once. When a read finds
/// the database unavailable, the reads waiting for the next fail with it instead of waiting a
/// timeout more.
final class BatchedReads<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// Reads the values of `keys` (no key twice): those found.
    typealias Read = @Sendable (_ keys: [Key]) async throws -> [Key: Value]

    private typealias Waiting = (key: Key, continuation: CheckedContinuation<Value?, any Error>)

    private struct State {
        var reading = false
        var waiting: [Waiting] = []
    }

    private let state = Mutex(State())

    /// The value of `key`, read after this call began; `nil` when there is none.
    /// - Parameter read: reads a batch (a caller's, for the batch it starts).
    func value(for key: Key, read: @escaping Read) async throws -> Value? {
        try await withCheckedThrowingContinuation { continuation in
            let start = state.withLock { state in
                state.waiting.append((key, continuation))
                defer { state.reading = true }
                return !state.reading
            }
            if start { readWaiting(read) }
        }
    }

    /// Reads the keys waiting now, then those that arrived meanwhile, until none is left.
    private func readWaiting(_ read: @escaping Read) {
        let waiting = state.withLock { state in
            defer { state.waiting = [] }
            return state.waiting
        }
        Task {
            let result: Result<[Key: Value], any Error>
            do { result = .success(try await read(Array(Set(waiting.map(\.key))))) } catch { result = .failure(error) }
            var unavailable = false
            if case .failure(let error) = result, case StorageError.unavailable? = error as? StorageError { unavailable = true }
            let (failing, more) = state.withLock { state -> ([Waiting], Bool) in
                if unavailable {
                    defer { state.waiting = []; state.reading = false }
                    return (state.waiting, false)
                }
                state.reading = !state.waiting.isEmpty
                return ([], state.reading)
            }
            for (key, continuation) in waiting + failing { continuation.resume(with: result.map { $0[key] }) }
            if more { readWaiting(read) }
        }
    }
}
