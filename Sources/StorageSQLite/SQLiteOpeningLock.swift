import Foundation

/// An exclusive lock (flock) on a file beside a database, held while a process opens the database
/// and brings its schema up to date, so that processes opening a new file at once do it one after
/// the other: GRDB's migrator reads which migrations ran before its transactions begin, so two at
/// once both create the first tables. A file of its own, since closing any descriptor of the
/// database file would drop the SQLite locks this process holds on it.
struct SQLiteOpeningLock {
    private let descriptor: Int32

    /// Waits for the lock on `path`, made (0600) when missing.
    /// - Throws: ``Failure`` when the file cannot be opened or locked.
    init(path: String) throws {
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Failure(path: path, errorNumber: errno) }
        var locked: Int32
        repeat { locked = flock(descriptor, LOCK_EX) } while locked != 0 && errno == EINTR
        guard locked == 0 else {
            let errorNumber = errno
            close(descriptor)
            throw Failure(path: path, errorNumber: errorNumber)
        }
    }

    /// Releases the lock.
    func release() {
        close(descriptor)
    }

    struct Failure: Error, CustomStringConvertible {
        let path: String
        let errorNumber: Int32
        var description: String { "The database's lock file \(path) cannot be locked: \(String(cString: strerror(errorNumber)))." }
    }
}
