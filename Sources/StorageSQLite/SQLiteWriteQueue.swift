import Foundation
import GRDB

/// Runs a store's writes one transaction at a time without ever making a caller's thread wait
/// for its turn.
///
/// When no write is running or waiting, the caller commits its write right away on its own
/// thread. Otherwise it suspends, and its write waits in a queue that a thread of this queue's
/// own commits in batches: the writes that arrived together share one transaction (group
/// commit). Blocking the server's event loops on SQLite's single writer was measured to couple
/// both loops to whichever held the lock (and to its preemption, or a checkpoint's `fsync`),
/// which showed as tens of milliseconds at the 99th percentile.
///
/// Every transaction is `BEGIN IMMEDIATE`. In a batch, each write runs inside a savepoint, so
/// one that throws leaves nothing behind and the others still commit. A caller is answered only
/// after the transaction holding its write has committed; if the commit fails, every write of
/// the batch fails with that error.
final class SQLiteWriteQueue: @unchecked Sendable {
    /// A write waiting for its turn.
    struct Write {
        /// Runs the write's statements and returns how to answer its caller once they are committed.
        let perform: (Database) throws -> () -> Void
        /// Answers the caller with an error: its statements failed or the batch did not commit.
        let fail: (any Error) -> Void
    }

    private let writer: any DatabaseWriter
    private let maximumBatch: Int
    // Guarded by `condition`.
    private let condition = NSCondition()
    private var waiting: [Write] = []
    private var busy = false
    private var stopping = false
    private var running = true

    /// Starts the thread that writes through `writer`, at most `maximumBatch` writes per transaction.
    init(writer: any DatabaseWriter, maximumBatch: Int = 128) {
        self.writer = writer
        self.maximumBatch = maximumBatch
        let thread = Thread { [self] in run() }
        thread.name = "sqlite-writer"
        thread.start()
    }

    /// Runs `body` in a write transaction and returns its result once that transaction has
    /// committed; an error thrown by `body` or by the commit is rethrown.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        if try claimIdleWriter() {
            defer { releaseWriter() }
            return try commit(body)
        }
        return try await withCheckedThrowingContinuation { continuation in
            enqueue(Write(
                perform: { db in
                    let value = try body(db)
                    return { continuation.resume(returning: value) }
                },
                fail: { continuation.resume(throwing: $0) }))
        }
    }

    /// How many writes wait for their turn.
    var queuedCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return waiting.count
    }

    /// Lets the writes already queued finish, then stops the thread and waits for it. Stopping
    /// twice does nothing.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
    }

    /// Marks the writer busy and returns `true` if nothing is running or waiting.
    private func claimIdleWriter() throws -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if stopping { throw Self.shutDown }
        guard !busy, waiting.isEmpty else { return false }
        busy = true
        return true
    }

    private func releaseWriter() {
        condition.lock()
        busy = false
        if !waiting.isEmpty || stopping { condition.broadcast() }
        condition.unlock()
    }

    private func enqueue(_ write: Write) {
        condition.lock()
        defer { condition.unlock() }
        guard !stopping else { return write.fail(Self.shutDown) }
        waiting.append(write)
        if waiting.count == 1 { condition.broadcast() }
    }

    private static let shutDown = DatabaseError(resultCode: .SQLITE_MISUSE, message: "the store is shut down")

    private func run() {
        while let batch = nextBatch() {
            commit(batch)
            condition.lock()
            busy = false
            condition.unlock()
        }
    }

    /// Waits until writes are queued and the writer is free, marks it busy and takes up to
    /// `maximumBatch` writes; `nil` once stopped and drained.
    private func nextBatch() -> [Write]? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty || busy {
            if stopping && waiting.isEmpty && !busy {
                running = false
                condition.broadcast()
                return nil
            }
            condition.wait()
        }
        busy = true
        let batch = Array(waiting.prefix(maximumBatch))
        waiting.removeFirst(batch.count)
        return batch
    }

    /// Commits one write on the calling thread.
    private func commit<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.writeWithoutTransaction { db in
            var value: T?
            try db.inTransaction(.immediate) {
                value = try body(db)
                return .commit
            }
            return value!
        }
    }

    private func commit(_ batch: [Write]) {
        var answers: [() -> Void] = []
        var failures: [() -> Void] = []
        do {
            try writer.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    for write in batch {
                        do {
                            var answer: (() -> Void)?
                            try db.inSavepoint {
                                answer = try write.perform(db)
                                return .commit
                            }
                            answers.append(answer!)
                        } catch {
                            failures.append { write.fail(error) }
                        }
                    }
                    return .commit
                }
            }
        } catch {
            batch.forEach { $0.fail(error) }
            return
        }
        answers.forEach { $0() }
        failures.forEach { $0() }
    }
}
