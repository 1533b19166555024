import Foundation
import GRDB
import GatehouseStorage
import Synchronization

/// The embedded engine: one SQLite file in WAL mode (or memory, for tests).
///
/// GRDB serializes writes on one connection, so every update's read-change-write runs inside one
/// write transaction and its closure runs exactly once. A transaction is acknowledged after its
/// commit reaches the WAL file, which survives `kill -9` of the process (`synchronous = NORMAL`;
/// a power cut may lose the last commits but never corrupts the file). A file-backed store also
/// runs a ``SQLiteCheckpointer``.
public final class SQLiteStorage: Storage {
    let writer: any DatabaseWriter
    /// Per-thread readers of a file store; a memory store reads through its writer.
    private let readers: SQLiteReaders?
    /// The writes that hold the writer or wait for it.
    private let writesInFlight = Atomic<Int>(0)
    private let writeQueue: SQLiteWriteQueue
    private let checkpointer: SQLiteCheckpointer?
    /// The count of changes to what the caches below keep, shared by every process on the file.
    let changes: SQLiteChangeCount
    /// Pools, app clients (by client id) and signing keys (by pool id and key) as read at a change
    /// count (``SQLiteChangeCount``): each read costs a statement otherwise, and every request
    /// reads its pool, most an app client.
    let pools = ChangeCountedCache<String, UserPoolRecord>(capacity: 1_000)
    let clients = ChangeCountedCache<String, UserPoolItemRecord>(capacity: 10_000)
    let signingKeys = ChangeCountedCache<String, UserPoolItemRecord>(capacity: 1_000)

    /// Opens (creating if needed) the database file at `path` and migrates it, holding
    /// `<path>-opening.lock` meanwhile (``SQLiteOpeningLock``), and maps the change count every
    /// process on the file shares, `<path>-changes` (``SQLiteChangeCount``).
    /// - Parameter maximumSizeMiB: the most the file may grow to (`PRAGMA max_page_count` on every
    ///   connection); a write past it fails with SQLite's "database or disk is full", as on a full disk.
    public convenience init(path: String, maximumSizeMiB: Int? = nil) throws {
        let configuration = Self.configuration(automaticCheckpoints: false, maximumSizeMiB: maximumSizeMiB)
        let opening = try SQLiteOpeningLock(path: path + "-opening.lock")
        defer { opening.release() }
        try self.init(writer: DatabasePool(path: path, configuration: configuration),
                      readers: SQLiteReaders(path: path, configuration: configuration),
                      changes: try SQLiteChangeCount(path: path + "-changes")) { writeQueue in
            try SQLiteCheckpointer(path: path, writeQueue: writeQueue, configuration: configuration)
        }
    }

    /// A private database in memory, gone when the value is released.
    public static func inMemory() throws -> SQLiteStorage {
        try SQLiteStorage(writer: DatabaseQueue(configuration: configuration(automaticCheckpoints: true)), readers: nil,
                          changes: SQLiteChangeCount()) { _ in nil }
    }

    /// Migrates the database behind `writer`, then starts the threads: the write queue's, and the
    /// checkpointer's if `checkpointer` makes one. A failure leaves no thread behind.
    init(writer: any DatabaseWriter, readers: SQLiteReaders?, changes: SQLiteChangeCount,
         checkpointer: (SQLiteWriteQueue) throws -> SQLiteCheckpointer?) throws {
        try SQLiteMigrations.migrator.migrate(writer)
        let writeQueue = SQLiteWriteQueue(writer: writer)
        do {
            self.checkpointer = try checkpointer(writeQueue)
        } catch {
            writeQueue.stop()
            throw error
        }
        self.writer = writer
        self.readers = readers
        self.changes = changes
        self.writeQueue = writeQueue
    }

    /// Each connection's page cache. SQLite's default (2 MiB) made the writer re-read index pages
    /// from the file for most inserts once a few thousand pools existed.
    static let pageCacheKiB = 32 * 1024

    static func configuration(automaticCheckpoints: Bool, maximumSizeMiB: Int? = nil) -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA cache_size = -\(pageCacheKiB)")
            if !automaticCheckpoints { try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
            if let maximumSizeMiB, let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") {
                try db.execute(sql: "PRAGMA max_page_count = \(maximumSizeMiB * 1_048_576 / pageSize)")
            }
        }
        return configuration
    }

    /// One read: the schema was brought up to date when the file was opened.
    public func checkReady() async throws {
        _ = try read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    public func shutdown() async throws {
        try checkpointer?.stop()
        writeQueue.stop()
        try readers?.close()
        try writer.close()
    }

    /// A store released without ``shutdown()`` still stops its threads, which hold its connections.
    deinit {
        try? checkpointer?.stop()
        writeQueue.stop()
    }

    /// Runs `body` in a write transaction on the ``SQLiteWriteQueue``, translating SQLite's errors
    /// into ``StorageError``. Inserts that add to a table's end pass `queued`: they always commit on
    /// the queue's thread, in batches, where rows added together share their new pages (the
    /// table's last leaf, page 1) and the event loops never wait for SQLite. Under CreateUserPool
    /// load, in 7 interleaved pairs, p99 went from 13.7–16.7 ms to 9.1–14.4 ms (6 of the 7 under
    /// 10.6 ms); Update and Describe did not change. Updates, which mostly rewrite one page each,
    /// commit on the caller's thread when the writer is idle: queuing every write cost
    /// UpdateUserPool 6% of its throughput.
    /// `BEGIN IMMEDIATE` takes the write lock before the first read, so a read-change-write sees no
    /// other writer in between, and a second process on the same file waits (busy timeout) instead
    /// of failing when it tries to upgrade a read.
    func write<T: Sendable>(queued: Bool = false, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        writesInFlight.add(1, ordering: .relaxed)
        defer { writesInFlight.subtract(1, ordering: .relaxed) }
        do {
            return try await writeQueue.write(queued: queued, body)
        } catch let error as DatabaseError
                    where [.SQLITE_CONSTRAINT_PRIMARYKEY, .SQLITE_CONSTRAINT_UNIQUE].contains(error.extendedResultCode) {
            throw StorageError.duplicate
        } catch let error as DatabaseError {
            throw StorageError.engine(error.description)
        }
    }

    public func usage() -> StorageUsage {
        StorageUsage(callsInFlight: writesInFlight.load(ordering: .relaxed), connections: 1)
    }

    /// Runs `body` on a reader connection, synchronously: a read of a cached, prepared statement
    /// takes microseconds, far less than hopping to another thread and back would cost the request.
    /// `body` must read with one statement: it runs outside a transaction (saving a BEGIN and a
    /// COMMIT per read), so each statement sees the latest commit of its own moment.
    func read<T: Sendable>(_ body: (Database) throws -> T) throws -> T {
        do {
            if let readers { return try readers.read(body) }
            return try writer.unsafeRead(body)
        } catch let error as DatabaseError {
            throw StorageError.engine(error.description)
        }
    }
}

extension DatabaseError {
    /// What a store's write queue and readers answer once the store is shut down.
    static let storeShutDown = DatabaseError(resultCode: .SQLITE_MISUSE, message: "the store is shut down")
}
