import Foundation
import GatehouseStorage
import XCTest

/// The part of the contract for records that belong to a pool (``UserPoolItemStore``), run on every
/// engine with the rest of ``StorageConformanceSuite``.
extension StorageConformanceSuite {
    func testInsertedItemReadsBackEqualOnlyInItsPoolAndKind() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "Items1")
            let other = ns.pool(region: ns.regionA, suffix: "Items2")
            try await storage.insertUserPool(pool)
            try await storage.insertUserPool(other)
            let client = ns.item(of: pool, key: "key1")
            try await storage.insertUserPoolItem(client)
            let read = try await storage.userPoolItem(userPoolID: pool.id, kind: .client, key: "key1")
            XCTAssertEqual(read, client)
            let elsewhere = try await storage.userPoolItem(userPoolID: other.id, kind: .client, key: "key1")
            XCTAssertNil(elsewhere, "a key names a record of its own pool only")
            let otherKind = try await storage.userPoolItem(userPoolID: pool.id, kind: .group, key: "key1")
            XCTAssertNil(otherKind, "a key names a record of its own kind only")
            let group = ns.item(of: pool, key: "key1", kind: .group)
            try await storage.insertUserPoolItem(group)
            let groups = try await storage.userPoolItems(userPoolID: pool.id, kind: .group, after: nil, limit: 10)
            XCTAssertEqual(groups.items, [group])
            let clients = try await storage.userPoolItems(userPoolID: pool.id, kind: .client, after: nil, limit: 10)
            XCTAssertEqual(clients.items, [client])
        }
    }

    func testAnItemIsFoundByKindAndKeyAloneInWhicheverPoolHasIt() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "ItemAny1")
            try await storage.insertUserPool(pool)
            let client = ns.item(of: pool, key: "any-\(ns.tag)")
            try await storage.insertUserPoolItem(client)
            let found = try await storage.userPoolItem(kind: .client, key: client.key)
            XCTAssertEqual(found, client)
            let otherKind = try await storage.userPoolItem(kind: .group, key: client.key)
            XCTAssertNil(otherKind)
            try await storage.deleteUserPool(id: pool.id) { _ in }
            let afterDelete = try await storage.userPoolItem(kind: .client, key: client.key)
            XCTAssertNil(afterDelete)
        }
    }

    func testInsertingAnItemOfAMissingPoolThrowsNotFound() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "NoSuchPool1")
            await XCTAssertThrowsStorageError(.notFound) { try await storage.insertUserPoolItem(ns.item(of: pool, key: "c")) }
            let read = try await storage.userPoolItem(userPoolID: pool.id, kind: .client, key: "c")
            XCTAssertNil(read)
        }
    }

    func testInsertingAnExistingKeyThrowsDuplicate() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "ItemDup1")
            try await storage.insertUserPool(pool)
            let client = ns.item(of: pool, key: "dup")
            try await storage.insertUserPoolItem(client)
            var second = ns.item(of: pool, key: "dup", name: "second")
            second.document = Data("second".utf8)
            await XCTAssertThrowsStorageError(.duplicate) { try await storage.insertUserPoolItem(second) }
            let read = try await storage.userPoolItem(userPoolID: pool.id, kind: .client, key: "dup")
            XCTAssertEqual(read, client, "the first record stays as it was")
        }
    }

    func testADomainBelongsToOnePoolAndAPoolHasOneOfEachKind() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "Domain1")
            let other = ns.pool(region: ns.regionB, suffix: "Domain2")
            try await storage.insertUserPool(pool)
            try await storage.insertUserPool(other)
            let domain = ns.item(of: pool, key: "d-\(ns.tag)", kind: .domain)
            try await storage.insertUserPoolItem(domain)
            // Another pool, even of another region, cannot take the key.
            await XCTAssertThrowsStorageError(.duplicate) {
                try await storage.insertUserPoolItem(ns.item(of: other, key: domain.key, kind: .domain))
            }
            // Nor can a custom domain of the same name.
            await XCTAssertThrowsStorageError(.duplicate) {
                try await storage.insertUserPoolItem(ns.item(of: other, key: domain.key, kind: .customDomain))
            }
            // A pool has one prefix domain.
            await XCTAssertThrowsStorageError(.duplicate) {
                try await storage.insertUserPoolItem(ns.item(of: pool, key: "e-\(ns.tag)", kind: .domain))
            }
            let custom = ns.item(of: pool, key: "f-\(ns.tag)", kind: .customDomain)
            try await storage.insertUserPoolItem(custom)
            let group = ns.item(of: other, key: domain.key, kind: .group)
            try await storage.insertUserPoolItem(group)
            let found = try await storage.userPoolItem(kind: .domain, key: domain.key)
            XCTAssertEqual(found, domain)
            try await storage.deleteUserPoolItem(userPoolID: pool.id, kind: .domain, key: domain.key)
            let moved = ns.item(of: other, key: domain.key, kind: .domain)
            try await storage.insertUserPoolItem(moved)
            let foundAgain = try await storage.userPoolItem(kind: .domain, key: domain.key)
            XCTAssertEqual(foundAgain, moved, "a deleted domain is free for any pool")
        }
    }

    func testItemUpdateAppliesTheChangeAndCannotChangeKeysOrCreationDate() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "ItemUpd1")
            try await storage.insertUserPool(pool)
            let client = ns.item(of: pool, key: "upd")
            try await storage.insertUserPoolItem(client)
            let updated = try await storage.updateUserPoolItem(userPoolID: pool.id, kind: .client, key: "upd") { record in
                record = UserPoolItemRecord(userPoolID: "other", kind: .group, key: "other", name: "renamed",
                                              creationDate: Date(milliseconds: 1), lastModifiedDate: Date(timeIntervalSince1970: 1_800_000_000.456_7),
                                              document: Data("changed".utf8))
            }
            let expected = UserPoolItemRecord(userPoolID: pool.id, kind: .client, key: "upd", name: "renamed", creationDate: client.creationDate,
                                                lastModifiedDate: Date(milliseconds: 1_800_000_000_457), document: Data("changed".utf8))
            XCTAssertEqual(updated, expected)
            let read = try await storage.userPoolItem(userPoolID: pool.id, kind: .client, key: "upd")
            XCTAssertEqual(read, expected)
            let page = try await storage.userPoolItems(userPoolID: pool.id, kind: .client, after: nil, limit: 10)
            XCTAssertEqual(page.items, [expected])
        }
    }

    func testItemUpdateThatThrowsWritesNothingAndAMissingItemThrowsNotFound() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "ItemUpd2")
            try await storage.insertUserPool(pool)
            let client = ns.item(of: pool, key: "keep")
            try await storage.insertUserPoolItem(client)
            do {
                _ = try await storage.updateUserPoolItem(userPoolID: pool.id, kind: .client, key: "keep") { record in
                    record.name = "changed"
                    throw ClosureError.rejected
                }
                XCTFail("the change's error is rethrown")
            } catch let error as ClosureError {
                XCTAssertEqual(error, .rejected)
            }
            let read = try await storage.userPoolItem(userPoolID: pool.id, kind: .client, key: "keep")
            XCTAssertEqual(read, client)
            await XCTAssertThrowsStorageError(.notFound) {
                _ = try await storage.updateUserPoolItem(userPoolID: pool.id, kind: .client, key: "missing") { record in record.name = "x" }
            }
            await XCTAssertThrowsStorageError(.notFound) {
                _ = try await storage.updateUserPoolItem(userPoolID: pool.id, kind: .group, key: "keep") { record in record.name = "x" }
            }
        }
    }

    func testConcurrentItemUpdatesLoseNoWrite() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "ItemConc1")
            try await storage.insertUserPool(pool)
            var client = ns.item(of: pool, key: "conc")
            client.document = Data()
            try await storage.insertUserPoolItem(client)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<8 {
                    group.addTask {
                        for step in 0..<10 {
                            _ = try await storage.updateUserPoolItem(userPoolID: pool.id, kind: .client, key: "conc") { record in
                                record.document += Data("t\(task)-\(step),".utf8)
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let read = try await XCTUnwrapAsync(try await storage.userPoolItem(userPoolID: pool.id, kind: .client, key: "conc"))
            let tokens = String(decoding: read.document, as: UTF8.self).split(separator: ",").map(String.init)
            XCTAssertEqual(tokens.sorted(), (0..<8).flatMap { task in (0..<10).map { "t\(task)-\($0)" } }.sorted())
        }
    }

    func testDeletingAnItemRemovesItAndAMissingOneThrowsNotFound() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "ItemDel1")
            try await storage.insertUserPool(pool)
            try await storage.insertUserPoolItem(ns.item(of: pool, key: "gone"))
            try await storage.insertUserPoolItem(ns.item(of: pool, key: "stays"))
            try await storage.insertUserPoolItem(ns.item(of: pool, key: "gone", kind: .group))
            try await storage.deleteUserPoolItem(userPoolID: pool.id, kind: .client, key: "gone")
            let gone = try await storage.userPoolItem(userPoolID: pool.id, kind: .client, key: "gone")
            XCTAssertNil(gone)
            await XCTAssertThrowsStorageError(.notFound) { try await storage.deleteUserPoolItem(userPoolID: pool.id, kind: .client, key: "gone") }
            let page = try await storage.userPoolItems(userPoolID: pool.id, kind: .client, after: nil, limit: 10)
            XCTAssertEqual(page.items.map(\.key), ["stays"])
            let group = try await storage.userPoolItem(userPoolID: pool.id, kind: .group, key: "gone")
            XCTAssertNotNil(group, "a delete removes the record of its own kind only")
        }
    }

    func testDeletingAPoolDeletesItsItems() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "ItemCascade1")
            try await storage.insertUserPool(pool)
            try await storage.insertUserPoolItem(ns.item(of: pool, key: "a"))
            try await storage.insertUserPoolItem(ns.item(of: pool, key: "a", kind: .group))
            try await storage.deleteUserPool(id: pool.id) { _ in }
            let read = try await storage.userPoolItem(userPoolID: pool.id, kind: .client, key: "a")
            XCTAssertNil(read)
            try await storage.insertUserPool(pool)
            for kind in [UserPoolItemKind.client, .group] {
                let page = try await storage.userPoolItems(userPoolID: pool.id, kind: kind, after: nil, limit: 10)
                XCTAssertEqual(page.items, [], "a pool created again with the same id has none of the old records")
            }
        }
    }

    func testListingItemsPagesThroughOnePoolAndKindInKeyOrder() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "ItemList1")
            let other = ns.pool(region: ns.regionA, suffix: "ItemList2")
            try await storage.insertUserPool(pool)
            try await storage.insertUserPool(other)
            let ids = ns.mixedCaseSuffixes(count: 7)
            for id in ids.shuffled() { try await storage.insertUserPoolItem(ns.item(of: pool, key: id)) }
            try await storage.insertUserPoolItem(ns.item(of: other, key: "0other"))
            try await storage.insertUserPoolItem(ns.item(of: pool, key: "0group", kind: .group))
            var listed: [UserPoolItemRecord] = []
            var after: String?
            var pages = 0
            repeat {
                let page = try await storage.userPoolItems(userPoolID: pool.id, kind: .client, after: after, limit: 3)
                listed += page.items
                after = page.nextCursor
                pages += 1
            } while after != nil
            XCTAssertEqual(pages, 3)
            XCTAssertEqual(listed.map(\.key), ids.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
            XCTAssertEqual(listed.map(\.name), listed.map { "item \($0.key)" })
            let exact = try await storage.userPoolItems(userPoolID: pool.id, kind: .client, after: nil, limit: 7)
            XCTAssertEqual(exact.items.count, 7)
            XCTAssertNil(exact.nextCursor, "a page that ends the list exactly has no cursor")
            let missing = try await storage.userPoolItems(userPoolID: ns.id(region: ns.regionA, suffix: "NoPool"), kind: .client,
                                                          after: nil, limit: 3)
            XCTAssertEqual(missing.items, [])
            XCTAssertNil(missing.nextCursor)
        }
    }
}

extension StorageConformanceSuite {
    func testEveryPoolsItemOfAKindAndKeyPagesInPoolOrder() async throws {
        try await withStorage { storage, ns in
            let key = "every-\(ns.tag)"
            let pools = ["Every1", "Every2", "Every3"].map { ns.pool(region: ns.regionA, suffix: $0) }
            for pool in pools {
                try await storage.insertUserPool(pool)
                try await storage.insertUserPoolItem(ns.item(of: pool, key: key, kind: .signingKeys))
            }
            try await storage.insertUserPoolItem(ns.item(of: pools[0], key: key, kind: .group))
            let expected = pools.sorted { $0.id < $1.id }.map { ns.item(of: $0, key: key, kind: .signingKeys) }
            let first = try await storage.userPoolItems(kind: .signingKeys, key: key, afterUserPool: nil, limit: 2)
            XCTAssertEqual(first.items, Array(expected.prefix(2)))
            XCTAssertEqual(first.nextCursor, expected[1].userPoolID)
            let rest = try await storage.userPoolItems(kind: .signingKeys, key: key, afterUserPool: first.nextCursor, limit: 2)
            XCTAssertEqual(rest.items, [expected[2]])
            XCTAssertNil(rest.nextCursor)
        }
    }
}

extension TestNamespace {
    func item(of pool: UserPoolRecord, key: String, name: String? = nil, kind: UserPoolItemKind = .client) -> UserPoolItemRecord {
        UserPoolItemRecord(userPoolID: pool.id, kind: kind, key: key, name: name ?? "item \(key)",
                           creationDate: Date(milliseconds: 1_700_000_000_123), lastModifiedDate: Date(milliseconds: 1_700_000_100_456),
                           document: Data(#"{"\#(kind.rawValue)":"\#(key)"}"#.utf8) + Data([0, 255]))
    }
}
