import AWSWire
import GatehouseCore
import GatehouseStorage
import Synchronization

/// Decoded pool documents, each with the domain pool made from it (see ``DocumentCache``).
final class DecodedPoolCache: Sendable {
    /// A decoded document, shared by every reader: a lookup costs one reference, not a copy of the
    /// whole pool, and a reader copies only what it uses. The domain pool is made from the document
    /// when first asked for (a pool just created or changed may never be).
    final class Entry: Sendable {
        let stored: StoredUserPool
        private let id: String
        private let region: String
        private let made = Mutex<UserPool?>(nil)

        init(stored: StoredUserPool, id: String, region: String) {
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

    private let documents: DocumentCache<Entry>

    init(capacity: Int = 10_000) {
        documents = DocumentCache(capacity: capacity)
    }

    /// The decoded document of `record`.
    func decoded(_ record: UserPoolRecord) throws(AWSServiceError) -> Entry {
        try documents.value(id: record.id, document: record.document) { () throws(AWSServiceError) in
            Entry(stored: try StoredUserPool(record: record), id: record.id, region: record.region)
        }
    }

    /// Records a document this process has just written.
    @discardableResult
    func remember(_ stored: StoredUserPool, as record: UserPoolRecord) -> Entry {
        documents.remember(Entry(stored: stored, id: record.id, region: record.region), id: record.id, document: record.document)
    }
}
