import AWSWire
import Foundation
import GatehouseCore
import GatehouseStorage
import Synchronization

/// Decoded pool documents, kept per pool together with the exact bytes they were decoded from.
/// A read is served from here only when the stored bytes are identical, so the cache can never
/// show a stale pool, whatever other processes wrote: it only saves decoding the same bytes twice.
final class DecodedPoolCache: Sendable {
    /// A decoded document and the bytes it was decoded from, shared by every reader: a lookup
    /// costs one reference, not a copy of the whole pool, and a reader copies only what it uses.
    final class Entry: Sendable {
        let document: Data
        let stored: StoredUserPool

        init(document: Data, stored: StoredUserPool) {
            self.document = document
            self.stored = stored
        }
    }

    private let entries = Mutex<[String: Entry]>([:])
    /// Beyond this many pools the cache starts over, bounding memory.
    private let capacity: Int

    init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// The decoded document of `record`.
    func decoded(_ record: UserPoolRecord) throws(AWSServiceError) -> Entry {
        if let entry = entries.withLock({ $0[record.id] }), entry.document == record.document {
            return entry
        }
        return remember(try StoredUserPool(record: record), as: record)
    }

    /// Records a document this process has just written.
    @discardableResult
    func remember(_ stored: StoredUserPool, as record: UserPoolRecord) -> Entry {
        let entry = Entry(document: record.document, stored: stored)
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[record.id] = entry
        }
        return entry
    }
}
