import Atomics
import Foundation
import GatehouseStorage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The count of changes to what a store keeps in memory (pools, app clients, signing keys), shared
/// by every process on one database file through `<file>-changes`, a counter each maps into its
/// memory, as PostgreSQL's store shares its count (``ChangeCountedCache``):
/// - a writer advances the count after its change is committed and before it answers, so a count
///   read after the answer is past it;
/// - a reader reads the count before it reads a record, and uses a kept record only while the
///   count is the one read just before that record was.
/// A store in memory, which no other process opens, counts in its own memory.
final class SQLiteChangeCount: @unchecked Sendable {
    private let counter: UnsafeAtomic<Int64>
    /// The file's mapping, unmapped with the counter; `nil` for a counter of this process's own.
    private let mapping: UnsafeMutableRawPointer?

    /// Maps the counter of the file at `path`, creating it (as zero) if needed.
    /// - Throws: ``StorageError/engine(_:)`` when the file cannot be opened, sized or mapped.
    init(path: String) throws {
        let file = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard file >= 0 else { throw Self.cannotOpen(path) }
        defer { close(file) }
        var status = stat()
        // Growing a file another process sized already changes nothing; shrinking never happens.
        guard fstat(file, &status) == 0, status.st_size >= Self.length || ftruncate(file, off_t(Self.length)) == 0,
              let mapping = mmap(nil, Self.length, PROT_READ | PROT_WRITE, MAP_SHARED, file, 0), mapping != MAP_FAILED else {
            throw Self.cannotOpen(path)
        }
        self.mapping = mapping
        counter = UnsafeAtomic(at: mapping.bindMemory(to: UnsafeAtomic<Int64>.Storage.self, capacity: 1))
    }

    /// A counter of this process's own.
    init() {
        mapping = nil
        counter = .create(0)
    }

    deinit {
        if let mapping { munmap(mapping, Self.length) } else { counter.destroy() }
    }

    /// The count now.
    var value: Int64 { counter.load(ordering: .acquiring) }

    /// Announces a committed change.
    func advance() {
        counter.wrappingIncrement(ordering: .releasing)
    }

    private static let length = MemoryLayout<UnsafeAtomic<Int64>.Storage>.size

    private static func cannotOpen(_ path: String) -> StorageError {
        StorageError.engine("cannot map \(path): \(String(cString: strerror(errno)))")
    }
}
