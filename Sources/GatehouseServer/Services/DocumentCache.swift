import AWSWire
import Foundation
import Synchronization

/// Values decoded from stored documents, kept per id together with the exact bytes they were
/// decoded from. A read is served from here only when the stored bytes are identical, so the cache
/// can never show a stale value, whatever other processes wrote: it only saves decoding the same
/// bytes twice.
final class DocumentCache<Value: Sendable>: Sendable {
    private struct Kept {
        let document: Data
        let value: Value
    }

    /// The values by id, and their ids in the order they were added: once `capacity` ids are kept,
    /// each new one replaces the oldest. Emptying the whole cache at once instead cost a stall of
    /// several milliseconds, on the loop that did it and on every loop waiting for the lock.
    private struct Entries {
        var byID: [String: Kept] = [:]
        var order: [String] = []
        var oldest = 0
    }

    private let entries = Mutex(Entries())
    private let capacity: Int

    init(capacity: Int = 10_000) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    /// The value of `id` decoded from `document`: the one kept if it was decoded from the same
    /// bytes, else what `decode` makes, which is kept.
    func value(id: String, document: Data, decode: () throws(AWSServiceError) -> Value) throws(AWSServiceError) -> Value {
        if let kept = entries.withLock({ $0.byID[id] }), kept.document == document {
            return kept.value
        }
        return remember(try decode(), id: id, document: document)
    }

    /// Keeps `value` as what `document` of `id` decodes to (a document this process has just written).
    @discardableResult
    func remember(_ value: Value, id: String, document: Data) -> Value {
        let kept = Kept(document: document, value: value)
        // Whatever is replaced or evicted is returned out of the lock, so it is released after it.
        _ = entries.withLock { entries -> Kept? in
            if let previous = entries.byID.updateValue(kept, forKey: id) { return previous }
            guard entries.order.count == capacity else {
                entries.order.append(id)
                return nil
            }
            let evicted = entries.byID.removeValue(forKey: entries.order[entries.oldest])
            entries.order[entries.oldest] = id
            entries.oldest = (entries.oldest + 1) % capacity
            return evicted
        }
        return value
    }
}
