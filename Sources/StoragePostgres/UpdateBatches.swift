import GatehouseStorage
import Synchronization

/// Updates of one row that this process makes at once, run as batches: while one transaction holds
/// the row, the changes that arrive wait, and the next transaction applies them all, one after the
/// other, and writes once. Thirty-two clients updating one user each took a turn at the row lock
/// (five round trips, and the event loops' queues, while holding it); now a turn serves them all.
/// Processes still take turns at the row lock with each other.
///
/// A batch's results are what separate transactions in the same order would give: each change sees
/// the row as the one before left it, and gets the row as it left it, or its own error (the row
/// then goes on as it was before that change). When a batch finds the database unavailable, the
/// changes waiting for the next fail with it instead of waiting a timeout more.
final class UpdateBatches<Record: Sendable>: Sendable {
    typealias Change = @Sendable (inout Record) throws -> Void
    /// Runs `changes` in one transaction: the results, one per change in order, once committed.
    typealias Run = @Sendable (_ changes: [Change]) async throws -> [Result<Record, any Error>]

    private struct Waiting {
        let change: Change
        let continuation: CheckedContinuation<Record, any Error>
    }

    /// The rows with a batch running, and the changes waiting for the next.
    private let waiting = Mutex<[String: [Waiting]]>([:])

    /// Applies `change` to the row `key`, in the next batch `run` runs for it.
    func update(_ key: String, _ change: @escaping Change, run: @escaping Run) async throws -> Record {
        try await withCheckedThrowingContinuation { continuation in
            let first = Waiting(change: change, continuation: continuation)
            let starts = waiting.withLock { waiting in
                guard waiting[key] == nil else {
                    waiting[key]!.append(first)
                    return false
                }
                waiting[key] = []
                return true
            }
            if starts { Task { await self.runBatches(of: key, from: [first], run: run) } }
        }
    }

    /// Runs `batch`, then the changes that arrived meanwhile, until none is left.
    private func runBatches(of key: String, from batch: [Waiting], run: Run) async {
        var batch = batch
        while !batch.isEmpty {
            let results: [Result<Record, any Error>]
            do {
                results = try await run(batch.map(\.change))
            } catch {
                results = Array(repeating: .failure(error), count: batch.count)
            }
            precondition(results.count == batch.count, "a batch gives one result per change")
            for (waiting, result) in zip(batch, results) { waiting.continuation.resume(with: result) }
            let unavailable = results.contains { result in
                if case .failure(let error) = result, case StorageError.unavailable? = error as? StorageError { return true }
                return false
            }
            let next = waiting.withLock { waiting in
                let next = waiting[key] ?? []
                waiting[key] = next.isEmpty || unavailable ? nil : []
                return next
            }
            if unavailable {
                for waiting in next { waiting.continuation.resume(throwing: StorageError.unavailable) }
                return
            }
            batch = next
        }
    }

    /// Applies `changes` to `record` one after the other, as separate transactions in that order would.
    /// - Parameter normalize: what the store makes of a changed record (what it keeps of it).
    /// - Returns: the record after the last change that did not throw, and each change's result.
    static func apply(_ changes: [Change], to record: Record,
                      normalize: (Record) -> Record) -> (record: Record, results: [Result<Record, any Error>]) {
        var current = record
        var results: [Result<Record, any Error>] = []
        for change in changes {
            var changed = current
            do {
                try change(&changed)
                current = normalize(changed)
                results.append(.success(current))
            } catch {
                results.append(.failure(error))
            }
        }
        return (current, results)
    }
}
