import Foundation
import GRDB
import GatehouseStorage

/// The embedded engine: one SQLite file in WAL mode (or memory, for tests).
///
/// GRDB serializes writes on one connection, so every update's read-change-write runs inside one
/// write transaction and its closure runs exactly once. A transaction is acknowledged after its
/// commit reaches the WAL file, which survives `kill -9` of the process (`synchronous = NORMAL`;
/// a power cut may lose the last commits but never corrupts the file).
public final class SQLiteStorage: Storage {
    let writer: any DatabaseWriter

    /// Opens (creating if needed) the database file at `path` and migrates it.
    public convenience init(path: String) throws {
        try self.init(writer: DatabasePool(path: path, configuration: Self.configuration()))
    }

    /// A private database in memory, gone when the value is released.
    public static func inMemory() throws -> SQLiteStorage {
        try SQLiteStorage(writer: DatabaseQueue(configuration: configuration()))
    }

    init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try SQLiteMigrations.migrator.migrate(writer)
    }

    static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return configuration
    }

    public func shutdown() async throws {
        try writer.close()
    }

    /// Runs `body` in a write transaction, translating SQLite's errors into ``StorageError``.
    ///
    /// The calls are synchronous on purpose: a statement on a cached, prepared SQLite statement takes
    /// microseconds, far less than hopping to GRDB's queue and back would cost the request.
    /// `BEGIN IMMEDIATE` takes the write lock before the first read, so a read-change-write sees no
    /// other writer in between, and a second process on the same file waits (busy timeout) instead of
    /// failing when it tries to upgrade a read.
    func write<T: Sendable>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch let error as DatabaseError
                    where [.SQLITE_CONSTRAINT_PRIMARYKEY, .SQLITE_CONSTRAINT_UNIQUE].contains(error.extendedResultCode) {
            throw StorageError.duplicate
        } catch let error as DatabaseError {
            throw StorageError.engine(error.description)
        }
    }

    func read<T: Sendable>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(body)
        } catch let error as DatabaseError {
            throw StorageError.engine(error.description)
        }
    }
}
