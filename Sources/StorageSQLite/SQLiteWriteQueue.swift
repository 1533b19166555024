import Foundation
import GRDB
import NIOCore
import NIOPosix

/// Runs a store's writes one transaction at a time without ever making a caller's thread wait
/// for its turn.
///
/// When no write is running or waiting, the caller commits its write right away on its own
/// thread, unless it asks to be queued. Otherwise it suspends, and its write waits in a queue that
/// a thread of this queue's own commits in batches: the writes that arrived together share one
/// transaction (group commit). Blocking the server's event loops on SQLite's single writer was measured to couple
/// both loops to whichever held the lock (and to its preemption, or a checkpoint's `fsync`),
/// which showed as tens of milliseconds at the 99th percentile.
///
/// Maintenance that needs the writer between transactions (the checkpointer's last step) takes
/// its turn through ``exclusively(_:)`` on a thread of its own, so the event loops never wait
/// for it either.
///
/// A queued caller that runs on an event loop is answered on that loop: the writer thread hands
/// each loop its callers' answers in one task per batch. Resumed from the writer thread directly,
/// a caller would continue on a loop picked in turn (NIO's global executor), and its response
/// would hop back to its connection's loop.
///
/// Every transaction is `BEGIN IMMEDIATE`. In a batch, each write runs inside a savepoint, so
/// one that throws leaves nothing behind and the others still commit. A caller is answered only
/// after the transaction holding its write has committed; if the commit fails, every write of
/// the batch fails with that error.
final class SQLiteWriteQueue: @unchecked Sendable {
    /// A write waiting for its turn.
    struct Write {
        /// Runs the write's statements and returns how to answer its caller once they are committed.
        let perform: (Database) throws -> Answer
        /// Answers the caller with an error: its statements failed or the batch did not commit.
        let fail: @Sendable (any Error) -> Void
        /// The event loop the caller runs on, if any.
        let loop: (any EventLoop)?

        /// The delivery that answers this write's caller with `error`.
        func failure(_ error: any Error) -> Delivery {
            let fail = fail
            return (loop, { fail(error) })
        }
    }

    typealias Answer = @Sendable () -> Void
    /// An answer and the event loop to run it on (none: run it where the batch ran).
    typealias Delivery = (loop: (any EventLoop)?, answer: Answer)

    private let writer: any DatabaseWriter
    private let maximumBatch: Int
    // Guarded by `condition`.
    private let condition = NSCondition()
    private var waiting: [Write] = []
    private var busy = false
    /// Callers of ``exclusively(_:)`` waiting for the writer; no batch starts while there are any.
    private var exclusiveWaiting = 0
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
    func write<T: Sendable>(queued: Bool = false, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        if !queued, try claimIdleWriter() {
            defer { releaseWriter() }
            return try commit(body)
        }
        let loop = MultiThreadedEventLoopGroup.currentEventLoop
        return try await withCheckedThrowingContinuation { continuation in
            enqueue(Write(
                perform: { db in
                    let value = try body(db)
                    return { continuation.resume(returning: value) }
                },
                fail: { continuation.resume(throwing: $0) },
                loop: loop))
        }
    }

    /// Runs `body` on the calling thread with the writer to itself, outside a transaction: after
    /// the write or batch running now, before any queued one. Writes that arrive meanwhile wait in
    /// the queue; their callers suspend, none blocks. It blocks the calling thread, so it is for
    /// threads that serve no requests.
    func exclusively<T>(_ body: (Database) throws -> T) throws -> T {
        condition.lock()
        exclusiveWaiting += 1
        while busy { condition.wait() }
        exclusiveWaiting -= 1
        busy = true
        condition.unlock()
        defer { releaseWriter() }
        return try writer.writeWithoutTransaction(body)
    }

    /// How many writes wait for their turn.
    var queuedCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return waiting.count
    }

    /// How many ``exclusively(_:)`` calls wait for their turn.
    var exclusiveWaitingCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return exclusiveWaiting
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
        if stopping { throw DatabaseError.storeShutDown }
        guard !busy, waiting.isEmpty, exclusiveWaiting == 0 else { return false }
        busy = true
        return true
    }

    private func releaseWriter() {
        condition.lock()
        busy = false
        if !waiting.isEmpty || exclusiveWaiting > 0 || stopping { condition.broadcast() }
        condition.unlock()
    }

    private func enqueue(_ write: Write) {
        condition.lock()
        defer { condition.unlock() }
        guard !stopping else { return write.fail(DatabaseError.storeShutDown) }
        waiting.append(write)
        if waiting.count == 1 { condition.broadcast() }
    }

    private func run() {
        while let batch = nextBatch() {
            let answers = commit(batch)
            // Waking a loop can hand it this thread's CPU at once; the writer must be free by then.
            releaseWriter()
            Self.deliver(answers)
        }
    }

    /// Waits until writes are queued, the writer is free and no ``exclusively(_:)`` waits, marks
    /// the writer busy and takes up to `maximumBatch` writes; `nil` once stopped and drained.
    private func nextBatch() -> [Write]? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty || busy || exclusiveWaiting > 0 {
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
            try db.inImmediateTransaction { try body(db) }
        }
    }

    /// Commits `batch` in one transaction and returns each caller's answer, to deliver.
    private func commit(_ batch: [Write]) -> [Delivery] {
        var answers: [Delivery] = []
        do {
            try writer.writeWithoutTransaction { db in
                try db.inImmediateTransaction {
                    for write in batch {
                        do {
                            answers.append((write.loop, try db.inCachedSavepoint { try write.perform(db) }))
                        } catch {
                            // SQLite rolled back the whole transaction: the batch fails as one.
                            guard db.isInsideTransaction else { throw error }
                            answers.append(write.failure(error))
                        }
                    }
                }
            }
        } catch {
            answers = batch.map { $0.failure(error) }
        }
        return answers
    }

    /// Runs each answer on its caller's event loop, one task per loop, or here for callers that
    /// run on no event loop.
    private static func deliver(_ answers: [Delivery]) {
        var perLoop: [(loop: any EventLoop, answers: [Answer])] = []
        for (loop, answer) in answers {
            guard let loop else {
                answer()
                continue
            }
            if let index = perLoop.firstIndex(where: { $0.loop === loop }) {
                perLoop[index].answers.append(answer)
            } else {
                perLoop.append((loop, [answer]))
            }
        }
        for (loop, answers) in perLoop {
            loop.execute { answers.forEach { $0() } }
        }
    }
}
