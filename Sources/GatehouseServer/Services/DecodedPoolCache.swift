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
    /// The domain pool is made from the document when first asked for (a pool just created or
    /// changed may never be).
    final class Entry: Sendable {
        let document: Data
        let stored: StoredUserPool
        private let id: String
        private let region: String
        private let made = Mutex<UserPool?>(nil)

        init(document: Data, stored: StoredUserPool, id: String, region: String) {
            self.document = document
            self.stored = stored
            self.id = id
            self.region = region
        }

        /// The pool as operations see it, made once per document.
        var pool: UserPool {
            made.withLock { made in
                if let made { return made }
                let pool = UserPool(id: id, region: region, stored: stored)
                made = pool
                return pool
            }
        }
    }

    /// The entries by pool id, and their ids in the order they were added: once `capacity` pools
    /// are kept, each new one replaces the oldest. Emptying the whole cache at once instead cost a
    /// stall of several milliseconds, on the loop that did it and on every loop waiting for the lock.
    private struct Entries {
        var byID: [String: Entry] = [:]
        var order: [String] = []
        var oldest = 0
    }

    private let entries = Mutex(Entries())
    private let capacity: Int

    init(capacity: Int = 10_000) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    /// The decoded document of `record`.
    func decoded(_ record: UserPoolRecord) throws(AWSServiceError) -> Entry {
        if let entry = entries.withLock({ $0.byID[record.id] }), entry.document == record.document {
            return entry
        }
        return remember(try StoredUserPool(record: record), as: record)
    }

    /// Records a document this process has just written.
    @discardableResult
    func remember(_ stored: StoredUserPool, as record: UserPoolRecord) -> Entry {
        let entry = Entry(document: record.document, stored: stored, id: record.id, region: record.region)
        // Whatever is replaced or evicted is returned out of the lock, so it is released after it.
        _ = entries.withLock { entries -> Entry? in
            if let previous = entries.byID.updateValue(entry, forKey: record.id) { return previous }
            guard entries.order.count == capacity else {
                entries.order.append(record.id)
                return nil
            }
            let evicted = entries.byID.removeValue(forKey: entries.order[entries.oldest])
            entries.order[entries.oldest] = record.id
            entries.oldest = (entries.oldest + 1) % capacity
            return evicted
        }
        return entry
    }
}
