import Foundation
import GatehouseStorage
import XCTest

/// The app client part of the contract (``UserPoolClientStore``), run on every engine with the rest
/// of ``StorageConformanceSuite``.
extension StorageConformanceSuite {
    func testInsertedClientReadsBackEqualAndOnlyInItsPool() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "Clients1")
            let other = ns.pool(region: ns.regionA, suffix: "Clients2")
            try await storage.insertUserPool(pool)
            try await storage.insertUserPool(other)
            let client = ns.client(of: pool, id: "client1")
            try await storage.insertUserPoolClient(client)
            let read = try await storage.userPoolClient(userPoolID: pool.id, clientID: "client1")
            XCTAssertEqual(read, client)
            let elsewhere = try await storage.userPoolClient(userPoolID: other.id, clientID: "client1")
            XCTAssertNil(elsewhere, "a client id names a client of its own pool only")
        }
    }

    func testInsertingAClientOfAMissingPoolThrowsNotFound() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "NoSuchPool1")
            await XCTAssertThrowsStorageError(.notFound) { try await storage.insertUserPoolClient(ns.client(of: pool, id: "c")) }
            let read = try await storage.userPoolClient(userPoolID: pool.id, clientID: "c")
            XCTAssertNil(read)
        }
    }

    func testInsertingAnExistingClientIdThrowsDuplicate() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "ClientDup1")
            try await storage.insertUserPool(pool)
            let client = ns.client(of: pool, id: "dup")
            try await storage.insertUserPoolClient(client)
            var second = ns.client(of: pool, id: "dup", name: "second")
            second.document = Data("second".utf8)
            await XCTAssertThrowsStorageError(.duplicate) { try await storage.insertUserPoolClient(second) }
            let read = try await storage.userPoolClient(userPoolID: pool.id, clientID: "dup")
            XCTAssertEqual(read, client, "the first client stays as it was")
        }
    }

    func testClientUpdateAppliesTheChangeAndCannotChangeKeysOrCreationDate() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "ClientUpd1")
            try await storage.insertUserPool(pool)
            let client = ns.client(of: pool, id: "upd")
            try await storage.insertUserPoolClient(client)
            let updated = try await storage.updateUserPoolClient(userPoolID: pool.id, clientID: "upd") { record in
                record = UserPoolClientRecord(userPoolID: "other", clientID: "other", name: "renamed",
                                              creationDate: Date(milliseconds: 1), lastModifiedDate: Date(timeIntervalSince1970: 1_800_000_000.456_7),
                                              document: Data("changed".utf8))
            }
            let expected = UserPoolClientRecord(userPoolID: pool.id, clientID: "upd", name: "renamed", creationDate: client.creationDate,
                                                lastModifiedDate: Date(milliseconds: 1_800_000_000_457), document: Data("changed".utf8))
            XCTAssertEqual(updated, expected)
            let read = try await storage.userPoolClient(userPoolID: pool.id, clientID: "upd")
            XCTAssertEqual(read, expected)
            let page = try await storage.userPoolClients(userPoolID: pool.id, after: nil, limit: 10)
            XCTAssertEqual(page.items, [expected.listed])
        }
    }

    func testClientUpdateThatThrowsWritesNothingAndAMissingClientThrowsNotFound() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "ClientUpd2")
            try await storage.insertUserPool(pool)
            let client = ns.client(of: pool, id: "keep")
            try await storage.insertUserPoolClient(client)
            do {
                _ = try await storage.updateUserPoolClient(userPoolID: pool.id, clientID: "keep") { record in
                    record.name = "changed"
                    throw ClosureError.rejected
                }
                XCTFail("the change's error is rethrown")
            } catch let error as ClosureError {
                XCTAssertEqual(error, .rejected)
            }
            let read = try await storage.userPoolClient(userPoolID: pool.id, clientID: "keep")
            XCTAssertEqual(read, client)
            await XCTAssertThrowsStorageError(.notFound) {
                _ = try await storage.updateUserPoolClient(userPoolID: pool.id, clientID: "missing") { record in record.name = "x" }
            }
        }
    }

    func testConcurrentClientUpdatesLoseNoWrite() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "ClientConc1")
            try await storage.insertUserPool(pool)
            var client = ns.client(of: pool, id: "conc")
            client.document = Data()
            try await storage.insertUserPoolClient(client)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<8 {
                    group.addTask {
                        for step in 0..<10 {
                            _ = try await storage.updateUserPoolClient(userPoolID: pool.id, clientID: "conc") { record in
                                record.document += Data("t\(task)-\(step),".utf8)
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let read = try await XCTUnwrapAsync(try await storage.userPoolClient(userPoolID: pool.id, clientID: "conc"))
            let tokens = String(decoding: read.document, as: UTF8.self).split(separator: ",").map(String.init)
            XCTAssertEqual(tokens.sorted(), (0..<8).flatMap { task in (0..<10).map { "t\(task)-\($0)" } }.sorted())
        }
    }

    func testDeletingAClientRemovesItAndAMissingOneThrowsNotFound() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "ClientDel1")
            try await storage.insertUserPool(pool)
            try await storage.insertUserPoolClient(ns.client(of: pool, id: "gone"))
            try await storage.insertUserPoolClient(ns.client(of: pool, id: "stays"))
            try await storage.deleteUserPoolClient(userPoolID: pool.id, clientID: "gone")
            let gone = try await storage.userPoolClient(userPoolID: pool.id, clientID: "gone")
            XCTAssertNil(gone)
            await XCTAssertThrowsStorageError(.notFound) { try await storage.deleteUserPoolClient(userPoolID: pool.id, clientID: "gone") }
            let page = try await storage.userPoolClients(userPoolID: pool.id, after: nil, limit: 10)
            XCTAssertEqual(page.items.map(\.clientID), ["stays"])
        }
    }

    func testDeletingAPoolDeletesItsClients() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "ClientCascade1")
            try await storage.insertUserPool(pool)
            try await storage.insertUserPoolClient(ns.client(of: pool, id: "a"))
            try await storage.deleteUserPool(id: pool.id) { _ in }
            let read = try await storage.userPoolClient(userPoolID: pool.id, clientID: "a")
            XCTAssertNil(read)
            try await storage.insertUserPool(pool)
            let page = try await storage.userPoolClients(userPoolID: pool.id, after: nil, limit: 10)
            XCTAssertEqual(page.items, [], "a pool created again with the same id has none of the old clients")
        }
    }

    func testListingClientsPagesThroughOnePoolInIdOrder() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "ClientList1")
            let other = ns.pool(region: ns.regionA, suffix: "ClientList2")
            try await storage.insertUserPool(pool)
            try await storage.insertUserPool(other)
            let ids = ns.mixedCaseSuffixes(count: 7)
            for id in ids.shuffled() { try await storage.insertUserPoolClient(ns.client(of: pool, id: id)) }
            try await storage.insertUserPoolClient(ns.client(of: other, id: "0other"))
            var listed: [UserPoolClientSummary] = []
            var after: String?
            var pages = 0
            repeat {
                let page = try await storage.userPoolClients(userPoolID: pool.id, after: after, limit: 3)
                listed += page.items
                after = page.nextCursor
                pages += 1
            } while after != nil
            XCTAssertEqual(pages, 3)
            XCTAssertEqual(listed.map(\.clientID), ids.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
            XCTAssertEqual(listed.map(\.name), listed.map { "client \($0.clientID)" })
            let exact = try await storage.userPoolClients(userPoolID: pool.id, after: nil, limit: 7)
            XCTAssertEqual(exact.items.count, 7)
            XCTAssertNil(exact.nextCursor, "a page that ends the list exactly has no cursor")
            let missing = try await storage.userPoolClients(userPoolID: ns.id(region: ns.regionA, suffix: "NoPool"), after: nil, limit: 3)
            XCTAssertEqual(missing.items, [])
            XCTAssertNil(missing.nextCursor)
        }
    }
}

extension TestNamespace {
    func client(of pool: UserPoolRecord, id: String, name: String? = nil) -> UserPoolClientRecord {
        UserPoolClientRecord(userPoolID: pool.id, clientID: id, name: name ?? "client \(id)",
                             creationDate: Date(milliseconds: 1_700_000_000_123), lastModifiedDate: Date(milliseconds: 1_700_000_100_456),
                             document: Data(#"{"client":"\#(id)"}"#.utf8) + Data([0, 255]))
    }
}
