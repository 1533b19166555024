import Foundation
import GRDB
import Synchronization

/// Read-only connections to a database file, one for each thread that reads (in the server, the
/// event loops), each used only by its own thread. A read then costs a lookup and an uncontended
/// `DispatchQueue.sync` that runs on the calling thread; GRDB's `DatabasePool` checked a reader
/// out of its pool and back for every read, which measured about 10% of the CPU of a
/// GetUserPoolMfaConfig call.
final class SQLiteReaders: Sendable {
    private struct Connections {
        var byThread: [UInt: DatabaseQueue] = [:]
        var closed = false
    }

    private let path: String
    private let configuration: Configuration
    private let connections = Mutex(Connections())

    init(path: String, configuration: Configuration) {
        var configuration = configuration
        configuration.readonly = true
        self.path = path
        self.configuration = configuration
    }

    /// Runs `body` outside a transaction on the calling thread's connection, opening it on the
    /// thread's first read.
    /// - Throws: `SQLITE_MISUSE` once closed.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        let thread = Self.currentThread
        let existing = try connections.withLock { connections in
            guard !connections.closed else { throw DatabaseError.storeShutDown }
            return connections.byThread[thread]
        }
        if let existing { return try existing.unsafeRead(body) }
        let connection = try DatabaseQueue(path: path, configuration: configuration)
        try connections.withLock { connections in
            guard !connections.closed else { throw DatabaseError.storeShutDown }
            connections.byThread[thread] = connection
        }
        return try connection.unsafeRead(body)
    }

    /// Closes every connection.
    func close() throws {
        let open = connections.withLock { connections in
            connections.closed = true
            defer { connections.byThread.removeAll() }
            return Array(connections.byThread.values)
        }
        try open.forEach { try $0.close() }
    }

    #if canImport(Darwin)
    private static var currentThread: UInt { UInt(bitPattern: pthread_self()) }
    #else
    private static var currentThread: UInt { UInt(pthread_self()) }
    #endif
}
