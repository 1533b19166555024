import GatehouseStorage
import Logging
import PostgresNIO
import Synchronization

/// The count of changes to what processes cache (pools, app clients), shared by every process on
/// the database as the sequence `gatehouse_changes`, so that a change one process acknowledges is
/// what every process answers from then on:
/// - a writer advances the count after its change is committed and before it answers, so a count
///   read after the answer is past it;
/// - a reader reads the count after its request arrived, and uses a cached record only when the
///   count is the one read just before that record was: no change was acknowledged in between.
///
/// Reads are shared: while one is on its way, the requests that arrive wait for the next, which
/// leaves as soon as it returns and answers them all. So the cost is one round trip per
/// round trip's worth of requests, not one per request.
final class PostgresChanges: Sendable {
    private struct State {
        var reading = false
        var waiting: [CheckedContinuation<Int64, any Error>] = []
    }

    private let state = Mutex(State())

    /// The count, read after this call began.
    /// - Parameter read: reads the count from the database (a caller's, for the read it starts).
    func current(read: @escaping @Sendable () async throws -> Int64) async throws -> Int64 {
        try await withCheckedThrowingContinuation { continuation in
            let start = state.withLock { state in
                state.waiting.append(continuation)
                defer { state.reading = true }
                return !state.reading
            }
            if start { readForWaiting(read) }
        }
    }

    /// Reads the count for the requests waiting now, then for those that arrived meanwhile.
    private func readForWaiting(_ read: @escaping @Sendable () async throws -> Int64) {
        let waiting = state.withLock { state in
            defer { state.waiting = [] }
            return state.waiting
        }
        Task {
            let result: Result<Int64, any Error>
            do { result = .success(try await read()) } catch { result = .failure(error) }
            for continuation in waiting { continuation.resume(with: result) }
            let more = state.withLock { state in
                state.reading = !state.waiting.isEmpty
                return state.reading
            }
            if more { readForWaiting(read) }
        }
    }
}

extension PostgresStorage {
    /// The count of changes to pools and app clients, read after this call began.
    func changeCount() async throws -> Int64 {
        try await changes.current {
            try await self.perform {
                let rows = try await self.client.query("SELECT last_value FROM gatehouse_changes", logger: self.logger).collect()
                guard let count = try rows.first?.decode(Int64.self) else { throw StorageError.engine("gatehouse_changes is empty") }
                return count
            }
        }
    }

    /// Tells every process that a change to pools or app clients is committed: call it before
    /// the change is answered.
    func announceChange() async throws {
        try await self.perform {
            _ = try await self.client.query("SELECT nextval('gatehouse_changes')", logger: self.logger).collect()
        }
    }
}
