import Foundation
import GRDB
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checkpoints a store's WAL file from a thread of its own, so that requests almost never wait
/// for a checkpoint's copying and `fsync`s.
///
/// SQLite's automatic checkpoint (every 1000 WAL pages) runs inside whichever commit crosses the
/// threshold; under a stream of CreateUserPool calls that was a stall of 10–25 ms every quarter
/// second, so a file-backed store turns it off (`wal_autocheckpoint = 0`) and runs this instead.
/// Every `interval`, when the WAL holds frames:
/// 1. a PASSIVE checkpoint on a connection of this thread's own copies the WAL into the database
///    file without waiting for or holding up readers and writers (it syncs the WAL first);
/// 2. `fdatasync` on a descriptor of the database file flushes the copied pages, still without
///    any lock (a sync flushes the file, whichever descriptor wrote it);
/// 3. steps 1 and 2 again (up to three times) for what was committed meanwhile, which shrinks
///    with each round.
/// When writes pause, step 1 copies everything and the next write starts the WAL file over. Under
/// writes that never pause it cannot catch up, so once the WAL holds `restartFrames` frames:
/// 4. a PASSIVE checkpoint with the writer to itself (``SQLiteWriteQueue/exclusively(_:)``), between
///    two transactions, copies the last frames and syncs; the next write starts the WAL over. Only
///    this step holds up writes, for a few milliseconds (writes wait in the queue, no thread
///    blocks). Done on every tick on the writer itself, as before, it blocked the event loops on
///    the writer's lock for 4–10 ms about 7 times a second under CreateUserPool.
/// A checkpoint that fails, for example because another process is checkpointing the same file,
/// is retried on the next tick.
final class SQLiteCheckpointer: Sendable {
    private let connection: DatabaseQueue
    private let writeQueue: SQLiteWriteQueue
    private let databaseFile: Int32
    private let stopped = Mutex(false)
    private let finished = DispatchSemaphore(value: 0)
    private let interval: TimeInterval
    private let restartFrames: Int

    /// Opens a connection and a descriptor of its own to the file at `path`, whose store writes
    /// through `writeQueue`, and starts checkpointing every `interval`; under writes that never
    /// pause, the WAL starts over once it holds `restartFrames` frames (16,384 frames of 4 KiB
    /// pages make 64 MiB).
    init(path: String, writeQueue: SQLiteWriteQueue, configuration: Configuration,
         interval: TimeInterval = 0.25, restartFrames: Int = 16_384) throws {
        connection = try DatabaseQueue(path: path, configuration: configuration)
        databaseFile = open(path, O_RDONLY)
        guard databaseFile >= 0 else { throw DatabaseError(resultCode: .SQLITE_CANTOPEN, message: "cannot open \(path)") }
        self.writeQueue = writeQueue
        self.interval = interval
        self.restartFrames = restartFrames
        let thread = Thread { [self] in run() }
        thread.name = "sqlite-checkpoint"
        thread.start()
    }

    private func run() {
        defer { finished.signal() }
        var settled: Frames = (0, 0)
        while !stopped.withLock({ $0 }) {
            Thread.sleep(forTimeInterval: interval)
            guard var frames = try? checkpointConcurrently(settled: settled), frames != settled else { continue }
            // Each round copies what was committed during the previous one, so the rest shrinks.
            for _ in 0..<3 {
                let before = frames
                guard let next = try? checkpointConcurrently(settled: before) else { break }
                frames = next
                if frames.walFrameCount - before.walFrameCount < 64 { break }
            }
            if frames.walFrameCount >= restartFrames {
                frames = (try? writeQueue.exclusively { db in try db.checkpoint(.passive) }) ?? frames
            }
            settled = frames
        }
    }

    /// The WAL's frames and how many of them are copied into the database file.
    private typealias Frames = (walFrameCount: Int, checkpointedFrameCount: Int)

    /// Steps 1 and 2: a PASSIVE checkpoint on this thread's connection, then a sync of the copied
    /// pages, unless the WAL is as it was at `settled`, the last checkpoint synced (an idle store
    /// is not synced every tick).
    private func checkpointConcurrently(settled: Frames) throws -> Frames {
        let frames = try connection.writeWithoutTransaction { db in try db.checkpoint(.passive) }
        if frames != settled { _ = fdatasync(databaseFile) }
        return frames
    }

    /// Stops the thread, waits for it and closes the connection and descriptor. The store's own
    /// connections checkpoint what is left when the last of them closes.
    /// Stopping twice does nothing.
    func stop() throws {
        guard stopped.withLock({ stopped in defer { stopped = true }; return !stopped }) else { return }
        finished.wait()
        close(databaseFile)
        try connection.close()
    }
}
