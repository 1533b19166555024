import Foundation
import GRDB
import Synchronization

/// Moves WAL frames into the database file from a thread of its own, so that no request waits for
/// the checkpoint's `fsync` (SQLite's automatic checkpoint runs inside whichever commit crosses the
/// threshold, which showed as tens of milliseconds at the 99th percentile). PASSIVE checkpoints never
/// block readers or writers; the WAL file is reused once a checkpoint has caught up.
final class SQLiteCheckpointer: Sendable {
    private let connection: DatabaseQueue
    private let stopped = Mutex(false)
    private let finished = DispatchSemaphore(value: 0)
    private let interval: TimeInterval

    /// Opens a connection of its own to the file at `path` (with the store's `configuration`, so it
    /// waits out a busy database like every other connection) and starts checkpointing every `interval`.
    init(path: String, configuration: Configuration, interval: TimeInterval = 0.25) throws {
        connection = try DatabaseQueue(path: path, configuration: configuration)
        self.interval = interval
        let thread = Thread { [self] in run() }
        thread.name = "sqlite-checkpoint"
        thread.start()
    }

    private func run() {
        defer { finished.signal() }
        while true {
            Thread.sleep(forTimeInterval: interval)
            if stopped.withLock({ $0 }) { return }
            // A failed checkpoint is retried on the next tick; the WAL only grows meanwhile.
            _ = try? connection.writeWithoutTransaction { db in try db.checkpoint(.passive) }
        }
    }

    /// Stops the thread, waits for it, then runs a last checkpoint and closes the connection.
    func stop() throws {
        stopped.withLock { $0 = true }
        finished.wait()
        try connection.writeWithoutTransaction { db in _ = try db.checkpoint(.passive) }
        try connection.close()
    }
}
