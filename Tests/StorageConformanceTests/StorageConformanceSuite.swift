import Foundation
import GatehouseStorage
import XCTest

/// The storage contract, as tests, run against every engine: each subclass overrides
/// ``makeEngine()`` and inherits every test. Each test names the behaviour it pins.
///
/// Tests keep to their own keys (``TestNamespace``), so they need no empty database.
///
/// On Linux, SwiftPM's test discovery lists a class only when the class itself declares a test
/// method; it then runs the inherited ones too. So every engine's subclass declares at least one
/// test of its own, or the whole suite silently never runs for that engine.
class StorageConformanceSuite: XCTestCase {
    /// The engine for one test. The base class has none, so its own run of the tests skips.
    func makeEngine() throws -> any ConformanceEngine {
        throw XCTSkip("StorageConformanceSuite is abstract; its subclasses run it once per engine")
    }

    /// The engine for a test that changes the whole store (deleting every pool): one no other test
    /// shares. By default ``makeEngine()``'s, which shares nothing.
    func makeIsolatedEngine() throws -> any ConformanceEngine {
        try makeEngine()
    }

    /// Opens a store on a new engine, runs `body`, then closes the store and destroys the engine.
    func withStorage(_ body: (any Storage, TestNamespace) async throws -> Void) async throws {
        try await withStorage(on: try self.makeEngine(), body)
    }

    /// ``withStorage(_:)`` on ``makeIsolatedEngine()``.
    func withIsolatedStorage(_ body: (any Storage, TestNamespace) async throws -> Void) async throws {
        try await withStorage(on: try self.makeIsolatedEngine(), body)
    }

    private func withStorage(on engine: any ConformanceEngine, _ body: (any Storage, TestNamespace) async throws -> Void) async throws {
        let opened = try await engine.open()
        do {
            try await body(opened.storage, TestNamespace())
        } catch {
            try? await opened.close()
            try? await engine.destroy()
            throw error
        }
        try await opened.close()
        try await engine.destroy()
    }

    // MARK: - Insert and read

    func testInsertedPoolReadsBackEqual() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "Insert1")
            try await storage.insertUserPool(pool)
            let read = try await storage.userPool(id: pool.id)
            XCTAssertEqual(read, pool)
        }
    }

    func testANonASCIINameAndAnEmptySummaryReadBackEqualReadAfterRead() async throws {
        try await withStorage { storage, ns in
            let named = ns.pool(region: ns.regionA, suffix: "Unicode1", name: "Équipe 東京 🚀")
            let pool = UserPoolRecord(id: named.id, region: named.region, name: named.name, creationDate: named.creationDate,
                                      lastModifiedDate: named.lastModifiedDate, document: named.document, summary: Data())
            try await storage.insertUserPool(pool)
            for _ in 0..<3 {
                let read = try await storage.userPool(id: pool.id)
                XCTAssertEqual(read, pool)
            }
        }
    }

    func testDatesAreKeptToTheNearestMillisecond() async throws {
        try await withStorage { storage, ns in
            var pool = ns.pool(region: ns.regionA, suffix: "Dates1")
            pool = UserPoolRecord(
                id: pool.id, region: pool.region, name: pool.name,
                creationDate: Date(timeIntervalSince1970: 1_700_000_000.123_4),
                lastModifiedDate: Date(timeIntervalSince1970: 1_700_000_500.987_6),
                document: pool.document, summary: pool.summary
            )
            try await storage.insertUserPool(pool)
            let read = try await XCTUnwrapAsync(try await storage.userPool(id: pool.id))
            XCTAssertEqual(read.creationDate.milliseconds, 1_700_000_000_123)
            XCTAssertEqual(read.lastModifiedDate.milliseconds, 1_700_000_500_988)
            XCTAssertEqual(read.creationDate, Date(milliseconds: 1_700_000_000_123))
            XCTAssertEqual(read.lastModifiedDate, Date(milliseconds: 1_700_000_500_988))
        }
    }

    func testInsertingAnExistingIdThrowsDuplicate() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "Dup1")
            try await storage.insertUserPool(pool)
            var other = ns.pool(region: ns.regionB, suffix: "Dup1", name: "other")
            other = UserPoolRecord(id: pool.id, region: other.region, name: other.name, creationDate: other.creationDate,
                                   lastModifiedDate: other.lastModifiedDate, document: Data("other".utf8), summary: Data("o".utf8))
            await XCTAssertThrowsStorageError(.duplicate) { try await storage.insertUserPool(other) }
            let read = try await storage.userPool(id: pool.id)
            XCTAssertEqual(read, pool, "the first pool stays as it was")
        }
    }

    func testReadingAMissingPoolReturnsNil() async throws {
        try await withStorage { storage, ns in
            let read = try await storage.userPool(id: ns.id(region: ns.regionA, suffix: "Missing1"))
            XCTAssertNil(read)
        }
    }

    // MARK: - Update

    func testUpdateAppliesTheChangeReturnsItAndPersistsIt() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "Update1")
            try await storage.insertUserPool(pool)
            let modified = Date(milliseconds: 1_800_000_000_456)
            let updated = try await storage.updateUserPool(id: pool.id) { record in
                record.name = "renamed"
                record.lastModifiedDate = modified
                record.document = Data(#"{"changed":true}"#.utf8)
                record.summary = Data(#"{"c":1}"#.utf8)
            }
            let expected = UserPoolRecord(id: pool.id, region: pool.region, name: "renamed", creationDate: pool.creationDate,
                                          lastModifiedDate: modified, document: Data(#"{"changed":true}"#.utf8),
                                          summary: Data(#"{"c":1}"#.utf8))
            XCTAssertEqual(updated, expected)
            let read = try await storage.userPool(id: pool.id)
            XCTAssertEqual(read, expected)
            let page = try await storage.userPools(region: ns.regionA, after: nil, limit: 10)
            XCTAssertEqual(page.items, [expected.listed], "a list shows the new name, date and summary")
        }
    }

    func testUpdateReturnsTheLastModifiedDateAsStoredToTheMillisecond() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "UpdateMs1")
            try await storage.insertUserPool(pool)
            let updated = try await storage.updateUserPool(id: pool.id) { record in
                record.lastModifiedDate = Date(timeIntervalSince1970: 1_800_000_000.456_7)
            }
            let read = try await storage.userPool(id: pool.id)
            XCTAssertEqual(updated.lastModifiedDate, Date(milliseconds: 1_800_000_000_457))
            XCTAssertEqual(read, updated)
        }
    }

    func testUpdatingAMissingPoolThrowsNotFound() async throws {
        try await withStorage { storage, ns in
            let id = ns.id(region: ns.regionA, suffix: "Missing2")
            await XCTAssertThrowsStorageError(.notFound) {
                _ = try await storage.updateUserPool(id: id) { record in record.name = "x" }
            }
            let read = try await storage.userPool(id: id)
            XCTAssertNil(read, "update does not create")
        }
    }

    func testAnErrorThrownByTheChangeAbortsTheUpdateWithNothingWritten() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "Abort1")
            try await storage.insertUserPool(pool)
            do {
                _ = try await storage.updateUserPool(id: pool.id) { record in
                    record.name = "should not be written"
                    record.document = Data("should not be written".utf8)
                    record.summary = Data("should not be written".utf8)
                    throw ClosureError.rejected
                }
                XCTFail("the closure's error was not rethrown")
            } catch let error as ClosureError {
                XCTAssertEqual(error, .rejected, "the closure's own error comes back unchanged")
            }
            let read = try await storage.userPool(id: pool.id)
            XCTAssertEqual(read, pool)
        }
    }

    func testUpdateCannotChangeIdRegionOrCreationDate() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "Keys1")
            try await storage.insertUserPool(pool)
            let otherId = ns.id(region: ns.regionB, suffix: "Keys2")
            let modified = Date(milliseconds: 1_800_000_000_000)
            let updated = try await storage.updateUserPool(id: pool.id) { record in
                record = UserPoolRecord(
                    id: otherId, region: ns.regionB, name: "renamed",
                    creationDate: Date(milliseconds: 1_000), lastModifiedDate: modified,
                    document: Data("new".utf8), summary: Data("n".utf8)
                )
            }
            let expected = UserPoolRecord(id: pool.id, region: pool.region, name: "renamed", creationDate: pool.creationDate,
                                          lastModifiedDate: modified, document: Data("new".utf8), summary: Data("n".utf8))
            XCTAssertEqual(updated, expected)
            let read = try await storage.userPool(id: pool.id)
            XCTAssertEqual(read, expected)
            let moved = try await storage.userPool(id: otherId)
            XCTAssertNil(moved, "no pool appears under the id the closure tried")
            let regionB = try await storage.userPools(region: ns.regionB, after: nil, limit: 10)
            XCTAssertEqual(regionB.items, [])
        }
    }

    /// 16 tasks each make 10 updates that append their own token to the document: every token is
    /// there exactly once at the end, so no update was lost or applied twice.
    func testConcurrentUpdatesLoseNoWrite() async throws {
        try await withStorage { storage, ns in
            let pool = ns.emptyPool(region: ns.regionA, suffix: "Concurrent1", name: "concurrent")
            try await storage.insertUserPool(pool)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<16 {
                    group.addTask {
                        for step in 0..<10 {
                            _ = try await storage.updateUserPool(id: pool.id) { record in
                                var tokens = String(decoding: record.document, as: UTF8.self)
                                if !tokens.isEmpty { tokens += "," }
                                tokens += "t\(task)-\(step)"
                                record.document = Data(tokens.utf8)
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let read = try await XCTUnwrapAsync(try await storage.userPool(id: pool.id))
            let tokens = String(decoding: read.document, as: UTF8.self).split(separator: ",").map(String.init)
            let expected = (0..<16).flatMap { task in (0..<10).map { step in "t\(task)-\(step)" } }
            let counts = Dictionary(tokens.map { ($0, 1) }, uniquingKeysWith: +)
            XCTAssertEqual(tokens.count, 160)
            XCTAssertEqual(expected.filter { counts[$0] == nil }, [], "lost updates")
            XCTAssertEqual(counts.filter { $0.value > 1 }.keys.sorted(), [], "updates applied twice")
            let outOfOrder = (0..<16).filter { task in
                tokens.filter { $0.hasPrefix("t\(task)-") } != (0..<10).map { "t\(task)-\($0)" }
            }
            XCTAssertEqual(outOfOrder, [], "each task's updates apply in its order")
        }
    }

    /// Concurrent updates of which every other one throws after changing the record, and
    /// concurrent inserts of which half repeat an id: the failed ones leave nothing behind, every
    /// other one is written, and each caller gets its own outcome (engines may commit concurrent
    /// writes together, so one failure must not take others down with it).
    func testConcurrentWritesFailAndSucceedEachOnTheirOwn() async throws {
        try await withStorage { storage, ns in
            let pool = ns.emptyPool(region: ns.regionA, suffix: "Mixed1", name: "mixed")
            try await storage.insertUserPool(pool)
            let outcomes = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
                for task in 0..<32 {
                    group.addTask {
                        do {
                            if task % 4 < 2 {
                                _ = try await storage.updateUserPool(id: pool.id) { record in
                                    record.document += Data(",u\(task)".utf8)
                                    if task % 2 == 1 { throw ClosureError.rejected }
                                }
                            } else {
                                // Tasks 2 and 3 of each four insert the same id: exactly one wins.
                                try await storage.insertUserPool(ns.pool(region: ns.regionB, suffix: "Mixed\(task / 4)"))
                            }
                            return (task, true)
                        } catch ClosureError.rejected {
                            return (task, false)
                        } catch StorageError.duplicate {
                            return (task, false)
                        }
                    }
                }
                return try await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
            }
            XCTAssertEqual((0..<32).filter { $0 % 4 == 0 && outcomes[$0] != true }, [], "updates that did not throw succeed")
            XCTAssertEqual((0..<32).filter { $0 % 4 == 1 && outcomes[$0] != false }, [], "updates that threw fail")
            XCTAssertEqual((0..<8).filter { [outcomes[$0 * 4 + 2], outcomes[$0 * 4 + 3]].filter { $0 == true }.count != 1 }, [],
                           "one insert of each id succeeds, the other is a duplicate")
            let read = try await XCTUnwrapAsync(try await storage.userPool(id: pool.id))
            let tokens = String(decoding: read.document, as: UTF8.self).split(separator: ",").map(String.init).sorted()
            XCTAssertEqual(tokens, (0..<32).filter { $0 % 4 == 0 }.map { "u\($0)" }.sorted())
            let inserted = try await storage.userPools(region: ns.regionB, after: nil, limit: 100)
            XCTAssertEqual(inserted.items.map(\.id).sorted(), (0..<8).map { ns.id(region: ns.regionB, suffix: "Mixed\($0)") }.sorted())
        }
    }

    // MARK: - Delete

    func testDeleteWithAPassingCheckRemovesThePool() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "Delete1")
            let kept = ns.pool(region: ns.regionA, suffix: "Delete2")
            try await storage.insertUserPool(pool)
            try await storage.insertUserPool(kept)
            let checked = CheckedRecords()
            try await storage.deleteUserPool(id: pool.id) { record in checked.append(record) }
            XCTAssertEqual(checked.records, [pool], "check sees the stored pool, once")
            let read = try await storage.userPool(id: pool.id)
            XCTAssertNil(read)
            let other = try await storage.userPool(id: kept.id)
            XCTAssertEqual(other, kept, "only the named pool goes")
        }
    }

    func testDeleteWithAThrowingCheckLeavesThePool() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "Delete3")
            try await storage.insertUserPool(pool)
            do {
                try await storage.deleteUserPool(id: pool.id) { _ in throw ClosureError.rejected }
                XCTFail("the check's error was not rethrown")
            } catch let error as ClosureError {
                XCTAssertEqual(error, .rejected, "the check's own error comes back unchanged")
            }
            let read = try await storage.userPool(id: pool.id)
            XCTAssertEqual(read, pool)
        }
    }

    func testDeletingAMissingPoolThrowsNotFound() async throws {
        try await withStorage { storage, ns in
            let id = ns.id(region: ns.regionA, suffix: "Missing3")
            await XCTAssertThrowsStorageError(.notFound) {
                try await storage.deleteUserPool(id: id) { _ in XCTFail("check runs only on a pool that exists") }
            }
        }
    }

    func testUpdatingADeletedPoolThrowsNotFound() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "Delete4")
            try await storage.insertUserPool(pool)
            try await storage.deleteUserPool(id: pool.id) { _ in }
            await XCTAssertThrowsStorageError(.notFound) {
                _ = try await storage.updateUserPool(id: pool.id) { record in record.name = "x" }
            }
        }
    }

    // MARK: - Paging

    /// 25 pools in region A (mixed-case ids, inserted out of order), 5 in region B: pages of 7
    /// list every A pool exactly once in ascending id order (byte order), never a B pool, and the
    /// last page has no cursor.
    func testListingPagesThroughOneRegionInIdOrder() async throws {
        try await withStorage { storage, ns in
            let idsA = ns.mixedCaseSuffixes(count: 25).map { ns.pool(region: ns.regionA, suffix: $0) }
            let idsB = ns.mixedCaseSuffixes(count: 5).map { ns.pool(region: ns.regionB, suffix: $0) }
            for pool in (idsA + idsB).shuffled() {
                try await storage.insertUserPool(pool)
            }
            var listed: [UserPoolSummary] = []
            var pageSizes: [Int] = []
            var cursor: String? = nil
            repeat {
                let page = try await storage.userPools(region: ns.regionA, after: cursor, limit: 7)
                listed += page.items
                pageSizes.append(page.items.count)
                if let next = page.nextCursor {
                    XCTAssertEqual(next, page.items.last?.id, "the cursor is the last id of the page")
                }
                cursor = page.nextCursor
            } while cursor != nil && pageSizes.count < 10
            XCTAssertEqual(pageSizes, [7, 7, 7, 4])
            XCTAssertEqual(listed.map(\.id), idsA.map(\.id).sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }))
            XCTAssertEqual(listed.sorted { $0.id < $1.id }, idsA.map(\.listed).sorted { $0.id < $1.id },
                           "pools list with their names, dates and summaries")
        }
    }

    func testAPageThatEndsTheRegionExactlyHasNoCursor() async throws {
        try await withStorage { storage, ns in
            for suffix in ns.mixedCaseSuffixes(count: 14) {
                try await storage.insertUserPool(ns.pool(region: ns.regionA, suffix: suffix))
            }
            let first = try await storage.userPools(region: ns.regionA, after: nil, limit: 7)
            XCTAssertEqual(first.items.count, 7)
            let cursor = try XCTUnwrap(first.nextCursor)
            let second = try await storage.userPools(region: ns.regionA, after: cursor, limit: 7)
            XCTAssertEqual(second.items.count, 7)
            XCTAssertNil(second.nextCursor, "no cursor to an empty page")
        }
    }

    func testALimitAboveTheCountListsEverythingWithoutCursor() async throws {
        try await withStorage { storage, ns in
            let pools = ns.mixedCaseSuffixes(count: 5).map { ns.pool(region: ns.regionA, suffix: $0) }
            for pool in pools {
                try await storage.insertUserPool(pool)
            }
            let page = try await storage.userPools(region: ns.regionA, after: nil, limit: 60)
            XCTAssertEqual(page.items.map(\.id), pools.map(\.id).sorted())
            XCTAssertNil(page.nextCursor)
        }
    }

    func testListingAnEmptyRegionReturnsAnEmptyPage() async throws {
        try await withStorage { storage, ns in
            try await storage.insertUserPool(ns.pool(region: ns.regionB, suffix: "Other1"))
            let page = try await storage.userPools(region: ns.regionA, after: nil, limit: 10)
            XCTAssertEqual(page.items, [])
            XCTAssertNil(page.nextCursor)
        }
    }

    // MARK: - Secrets

    func testTheFirstCandidateForASecretWins() async throws {
        try await withStorage { storage, ns in
            let name = ns.secretName("first")
            let first = try await storage.secret(named: name, orInsert: Data("first".utf8))
            XCTAssertEqual(first, Data("first".utf8))
            let second = try await storage.secret(named: name, orInsert: Data("second".utf8))
            XCTAssertEqual(second, Data("first".utf8), "a later caller gets the stored value")
            let other = try await storage.secret(named: ns.secretName("other"), orInsert: Data("other".utf8))
            XCTAssertEqual(other, Data("other".utf8), "secrets are per name")
        }
    }

    func testSecretsChangeTogetherInOneStep() async throws {
        try await withStorage { storage, ns in
            let (kept, replaced, added) = (ns.secretName("kept"), ns.secretName("replaced"), ns.secretName("added"))
            _ = try await storage.secret(named: kept, orInsert: Data("kept".utf8))
            _ = try await storage.secret(named: replaced, orInsert: Data("old".utf8))
            try await storage.updateSecrets { stored in
                XCTAssertEqual(stored[kept], Data("kept".utf8))
                XCTAssertEqual(stored[replaced], Data("old".utf8))
                return [replaced: Data("new".utf8), added: Data("added".utf8)]
            }
            for (name, value) in [(kept, "kept"), (replaced, "new"), (added, "added")] {
                let stored = try await storage.secret(named: name, orInsert: Data("candidate".utf8))
                XCTAssertEqual(stored, Data(value.utf8), name)
            }
            struct Refused: Error {}
            do {
                try await storage.updateSecrets { _ in throw Refused() }
                XCTFail("the change's error is rethrown")
            } catch is Refused {}
            let unchanged = try await storage.secret(named: replaced, orInsert: Data("candidate".utf8))
            XCTAssertEqual(unchanged, Data("new".utf8))
        }
    }

    func testConcurrentSecretCallersAllGetOneValue() async throws {
        try await withStorage { storage, ns in
            let name = ns.secretName("concurrent")
            let candidates = (0..<20).map { Data("candidate-\($0)".utf8) }
            let values = try await withThrowingTaskGroup(of: Data.self) { group in
                for candidate in candidates {
                    group.addTask { try await storage.secret(named: name, orInsert: candidate) }
                }
                var values: [Data] = []
                for try await value in group {
                    values.append(value)
                }
                return values
            }
            XCTAssertEqual(values.count, 20)
            XCTAssertEqual(Set(values).count, 1, "every caller gets the same value")
            let value = try XCTUnwrap(values.first)
            XCTAssertTrue(candidates.contains(value), "the value is one of the candidates")
            let later = try await storage.secret(named: name, orInsert: Data("late".utf8))
            XCTAssertEqual(later, value)
        }
    }

    // MARK: - Processes

    /// Two stores on one database, as two processes: each keeps the pools, app clients and signing
    /// keys it reads, and a change made through one is what the other reads next.
    func testAChangeThroughOneStoreIsWhatAnotherReadsNext() async throws {
        let engine = try self.makeEngine()
        guard engine.survivesReopening else {
            try await engine.destroy()
            throw XCTSkip("this engine's stores share no data")
        }
        try await withTwoStores(on: engine) { first, second in
            let ns = TestNamespace()
            let pool = ns.pool(region: ns.regionA, suffix: "Shared1")
            try await first.storage.insertUserPool(pool)
            let client = ns.item(of: pool, key: "shared-\(ns.tag)")
            let keys = ns.item(of: pool, key: "current", kind: .signingKeys)
            try await first.storage.insertUserPoolItem(client)
            try await first.storage.insertUserPoolItem(keys)
            for round in 0..<10 {
                _ = try await second.storage.userPool(id: pool.id)
                _ = try await second.storage.userPoolItem(kind: .client, key: client.key)
                _ = try await second.storage.userPoolItem(userPoolID: pool.id, kind: .signingKeys, key: keys.key)
                _ = try await first.storage.updateUserPool(id: pool.id) { $0.name = "round \(round)" }
                _ = try await first.storage.updateUserPoolItem(userPoolID: pool.id, kind: .client, key: client.key) { $0.name = "round \(round)" }
                _ = try await first.storage.updateUserPoolItem(userPoolID: pool.id, kind: .signingKeys, key: keys.key) {
                    $0.document = Data("round \(round)".utf8)
                }
                let readPool = try await second.storage.userPool(id: pool.id)
                let readClient = try await second.storage.userPoolItem(userPoolID: pool.id, kind: .client, key: client.key)
                let readKeys = try await second.storage.userPoolItem(userPoolID: pool.id, kind: .signingKeys, key: keys.key)
                XCTAssertEqual(readPool?.name, "round \(round)")
                XCTAssertEqual(readClient?.name, "round \(round)")
                XCTAssertEqual(readKeys?.document, Data("round \(round)".utf8))
            }
            try await first.storage.deleteUserPoolItem(userPoolID: pool.id, kind: .client, key: client.key)
            let deletedClient = try await second.storage.userPoolItem(kind: .client, key: client.key)
            XCTAssertNil(deletedClient)
            _ = try await second.storage.userPoolItem(userPoolID: pool.id, kind: .signingKeys, key: keys.key)
            try await first.storage.deleteUserPool(id: pool.id) { _ in }
            let deletedPool = try await second.storage.userPool(id: pool.id)
            let deletedKeys = try await second.storage.userPoolItem(userPoolID: pool.id, kind: .signingKeys, key: keys.key)
            XCTAssertNil(deletedPool)
            XCTAssertNil(deletedKeys, "a pool's deletion takes its kept items with it")
        }
    }

    /// Runs `body` with two stores open at once on `engine`'s data, as two processes, then closes
    /// both and destroys the engine, whatever `body` does.
    func withTwoStores(on engine: any ConformanceEngine, _ body: (OpenedStorage, OpenedStorage) async throws -> Void) async throws {
        let first = try await engine.open(), second = try await engine.open()
        do {
            try await body(first, second)
        } catch {
            try? await first.close()
            try? await second.close()
            try? await engine.destroy()
            throw error
        }
        try await first.close()
        try await second.close()
        try await engine.destroy()
    }

    // MARK: - Durability

    /// Everything written before closing the store reads back after opening it again.
    func testDataSurvivesClosingAndReopening() async throws {
        let engine = try self.makeEngine()
        guard engine.survivesReopening else {
            try await engine.destroy()
            throw XCTSkip("this engine keeps its data in memory only; nothing survives closing it")
        }
        let ns = TestNamespace()
        let pool = ns.pool(region: ns.regionA, suffix: "Durable1")
        let updated: UserPoolRecord
        let secretName = ns.secretName("durable")
        do {
            let first = try await engine.open()
            do {
                try await first.storage.insertUserPool(pool)
                try await first.storage.insertUserPool(ns.pool(region: ns.regionA, suffix: "Durable2"))
                updated = try await first.storage.updateUserPool(id: pool.id) { record in
                    record.document = Data("updated before closing".utf8)
                }
                try await first.storage.deleteUserPool(id: ns.id(region: ns.regionA, suffix: "Durable2")) { _ in }
                _ = try await first.storage.secret(named: secretName, orInsert: Data("kept".utf8))
            } catch {
                try? await first.close()
                throw error
            }
            try await first.close()

            let second = try await engine.open()
            do {
                let read = try await second.storage.userPool(id: pool.id)
                XCTAssertEqual(read, updated)
                let page = try await second.storage.userPools(region: ns.regionA, after: nil, limit: 10)
                XCTAssertEqual(page.items, [updated.listed], "the deleted pool stays deleted")
                let secret = try await second.storage.secret(named: secretName, orInsert: Data("new".utf8))
                XCTAssertEqual(secret, Data("kept".utf8))
            } catch {
                try? await second.close()
                throw error
            }
            try await second.close()
        } catch {
            try? await engine.destroy()
            throw error
        }
        try await engine.destroy()
    }
}

// MARK: - Helpers

/// Keys no other test (or earlier run on the same database) uses: two regions and a tag for names.
struct TestNamespace: Sendable {
    let tag: String
    let regionA: String
    let regionB: String

    init() {
        let tag = UUID().uuidString.prefix(8).lowercased()
        self.tag = tag
        self.regionA = "test-\(tag)-1"
        self.regionB = "test-\(tag)-2"
    }

    func id(region: String, suffix: String) -> String {
        "\(region)_\(suffix)"
    }

    func pool(region: String, suffix: String, name: String? = nil) -> UserPoolRecord {
        UserPoolRecord(
            id: self.id(region: region, suffix: suffix),
            region: region,
            name: name ?? "pool \(suffix)",
            creationDate: Date(milliseconds: 1_700_000_000_123),
            lastModifiedDate: Date(milliseconds: 1_700_000_100_456),
            document: Data(#"{"suffix":"\#(suffix)","bytes":"\u{00}\u{FF}"}"#.utf8) + Data([0, 255, 10]),
            summary: Data(#"{"summary":"\#(suffix)"}"#.utf8) + Data([0, 255])
        )
    }

    /// A pool with an empty document, for tests that append to it.
    func emptyPool(region: String, suffix: String, name: String) -> UserPoolRecord {
        UserPoolRecord(
            id: self.id(region: region, suffix: suffix), region: region, name: name,
            creationDate: Date(milliseconds: 1_700_000_000_000), lastModifiedDate: Date(milliseconds: 1_700_000_000_000),
            document: Data(), summary: Data()
        )
    }

    /// Distinct suffixes whose byte order differs from a case-insensitive (locale) order.
    func mixedCaseSuffixes(count: Int) -> [String] {
        let letters = Array("aBzZ09_mN")
        var suffixes: [String] = []
        var index = 0
        while suffixes.count < count {
            let a = letters[index % letters.count]
            let b = letters[(index / letters.count) % letters.count]
            suffixes.append("\(a)\(b)x\(index)")
            index += 1
        }
        return suffixes
    }

    func secretName(_ name: String) -> String {
        "test-\(self.tag)-\(name)"
    }
}

enum ClosureError: Error, Equatable {
    case rejected
}

/// What a delete's check saw (the check is `@Sendable`).
final class CheckedRecords: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [UserPoolRecord] = []

    var records: [UserPoolRecord] { self.lock.withLock { self.stored } }

    func append(_ record: UserPoolRecord) {
        self.lock.withLock { self.stored.append(record) }
    }
}

extension Date {
    init(milliseconds: Int64) {
        self.init(timeIntervalSince1970: TimeInterval(milliseconds) / 1000)
    }

    var milliseconds: Int64 {
        Int64((self.timeIntervalSince1970 * 1000).rounded())
    }
}

func XCTAssertThrowsStorageError(
    _ expected: StorageError,
    file: StaticString = #filePath,
    line: UInt = #line,
    _ body: () async throws -> Void
) async {
    do {
        try await body()
        XCTFail("expected StorageError.\(expected), nothing was thrown", file: file, line: line)
    } catch let error as StorageError {
        XCTAssertEqual(error, expected, file: file, line: line)
    } catch {
        XCTFail("expected StorageError.\(expected), got \(String(reflecting: error))", file: file, line: line)
    }
}

func XCTUnwrapAsync<T>(
    _ expression: @autoclosure () async throws -> T?,
    file: StaticString = #filePath,
    line: UInt = #line
) async throws -> T {
    let value = try await expression()
    return try XCTUnwrap(value, file: file, line: line)
}
