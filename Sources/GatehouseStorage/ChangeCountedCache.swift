import Synchronization

/// Records read from the database, each kept with the count of changes every process on it shares
/// (an engine's change count: a writer advances it after its change is committed and before it
/// answers) read just before it: one is used only while the count is still that. Bounded: at
/// most `capacity` records (one is dropped when a new one would pass it), none older than
/// `maximumAge` (a process that ended between its commit and its count's advance leaves a change
/// no count announces). Inlinable, so that each engine's calls are specialized for its records.
public final class ChangeCountedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    @usableFromInline
    struct Entry {
        @usableFromInline let value: Value
        @usableFromInline let count: Int64
        @usableFromInline let read: ContinuousClock.Instant

        @usableFromInline
        init(value: Value, count: Int64, read: ContinuousClock.Instant) {
            self.value = value
            self.count = count
            self.read = read
        }
    }

    @usableFromInline let entries = Mutex<[Key: Entry]>([:])
    @usableFromInline let capacity: Int
    @usableFromInline let maximumAge: Duration

    public init(capacity: Int, maximumAge: Duration = .seconds(30)) {
        self.capacity = capacity
        self.maximumAge = maximumAge
    }

    /// The record kept for `key`, if it was read when the count was `count`, not too long ago.
    @inlinable
    public func value(for key: Key, count: Int64) -> Value? {
        entries.withLock { entries in
            guard let entry = entries[key], entry.count == count, entry.read.duration(to: .now) < maximumAge else { return nil }
            return entry.value
        }
    }

    /// Keeps `value`, read after the count was `count`, for `key`.
    @inlinable
    public func remember(_ value: Value, for key: Key, count: Int64) {
        entries.withLock { entries in
            if entries[key] == nil, entries.count >= capacity, let any = entries.keys.first { entries[any] = nil }
            entries[key] = Entry(value: value, count: count, read: .now)
        }
    }

    /// Drops what is kept for `key` (this process changed it).
    @inlinable
    public func forget(_ key: Key) {
        _ = entries.withLock { $0.removeValue(forKey: key) }
    }

    @inlinable
    public func forgetAll() {
        entries.withLock { $0.removeAll() }
    }
}
