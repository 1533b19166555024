import CognitoModel
import Foundation
import GatehouseCore
@testable import GatehouseServer
import GatehouseStorage
import XCTest

final class DecodedPoolCacheTests: XCTestCase {
    private func record(_ id: String, name: String = "pool") -> UserPoolRecord {
        let stored = StoredUserPool(pool: UserPoolType(name: name))
        return UserPoolRecord(id: id, region: "us-east-1", name: name, creationDate: Date(timeIntervalSince1970: 0),
                              lastModifiedDate: Date(timeIntervalSince1970: 0), document: stored.document(), summary: stored.summary())
    }

    func testIdenticalBytesAreServedFromTheCacheAndChangedBytesDecodedAgain() throws {
        let cache = DecodedPoolCache()
        let first = try cache.decoded(record("us-east-1_a"))
        XCTAssertTrue(try cache.decoded(record("us-east-1_a")) === first)
        let renamed = try cache.decoded(record("us-east-1_a", name: "renamed"))
        XCTAssertFalse(renamed === first)
        XCTAssertEqual(renamed.stored.pool.name, "renamed")
    }

    func testBeyondCapacityTheOldestPoolIsEvictedFirst() throws {
        let cache = DecodedPoolCache(capacity: 2)
        let a = try cache.decoded(record("us-east-1_a"))
        let b = try cache.decoded(record("us-east-1_b"))
        _ = try cache.decoded(record("us-east-1_a", name: "renamed"))  // replaces a's entry, keeps its place
        _ = try cache.decoded(record("us-east-1_c"))                   // evicts a, the oldest added
        XCTAssertTrue(try cache.decoded(record("us-east-1_b")) === b)
        XCTAssertFalse(try cache.decoded(record("us-east-1_a")) === a)
        // Adding a again evicted b, now the oldest.
        XCTAssertFalse(try cache.decoded(record("us-east-1_b")) === b)
    }
}
