import AWSWire
import Foundation
import GatehouseCore
import GatehouseStorage
import Synchronization

/// Decoded pool documents, kept per pool together with the exact bytes they were decoded from.
/// A read is served from here only when the stored bytes are identical, so the cache can never
/// show a stale pool, whatever other processes wrote: it only saves decoding the same bytes twice.
final class DecodedPoolCache: Sendable {
    private struct Entry {
        let document: Data
        let stored: StoredUserPool
    }

    private let entries = Mutex<[String: Entry]>([:])
    /// Beyond this many pools the cache starts over, bounding memory.
    private let capacity: Int

    init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// The decoded document of `record`.
    func stored(_ record: UserPoolRecord) throws(AWSServiceError) -> StoredUserPool {
        if let entry = entries.withLock({ $0[record.id] }), entry.document == record.document {
            return entry.stored
        }
        let stored = try StoredUserPool(record: record)
        remember(stored, as: record)
        return stored
    }

    /// Records a document this process has just written.
    func remember(_ stored: StoredUserPool, as record: UserPoolRecord) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[record.id] = Entry(document: record.document, stored: stored)
        }
    }
}
