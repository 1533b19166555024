import Foundation
import GatehouseStorage
import XCTest

/// The part of the contract for users' authentication events (``AuthEventStore``), run on every
/// engine with the rest of ``StorageConformanceSuite``.
extension StorageConformanceSuite {
    func testAuthEventsListNewestFirstAndPage() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "AuthEvents1")
            try await storage.insertUserPool(pool)
            for key in ["u", "v"] { try await storage.insertUser(ns.user(of: pool, key: key)) }
            // Two events in the same millisecond order by id, descending.
            for (id, at) in [("b", 2), ("a", 1), ("c", 2), ("d", 3)] as [(String, Int64)] {
                try await storage.insertAuthEvent(ns.authEvent(of: pool, userKey: "u", id: id, at: at))
            }
            try await storage.insertAuthEvent(ns.authEvent(of: pool, userKey: "v", id: "e", at: 9))
            let first = try await storage.authEvents(userPoolID: pool.id, userKey: "u", baselineOnly: false, before: nil, limit: 2)
            XCTAssertEqual(first.map(\.eventID), ["d", "c"])
            XCTAssertEqual(first.last, ns.authEvent(of: pool, userKey: "u", id: "c", at: 2), "read back as written")
            let rest = try await storage.authEvents(userPoolID: pool.id, userKey: "u", baselineOnly: false, before: first.last?.position, limit: 5)
            XCTAssertEqual(rest.map(\.eventID), ["b", "a"])
            let others = try await storage.authEvents(userPoolID: pool.id, userKey: "v", baselineOnly: false, before: nil, limit: 10)
            XCTAssertEqual(others.map(\.eventID), ["e"])
            let nobody = try await storage.authEvents(userPoolID: pool.id, userKey: "w", baselineOnly: false, before: nil, limit: 10)
            XCTAssertEqual(nobody, [])
        }
    }

    func testBaselineEventsListApartFromTheOthers() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "AuthEvents4")
            try await storage.insertUserPool(pool)
            try await storage.insertUser(ns.user(of: pool, key: "u"))
            for (index, id) in ["a", "b", "c", "d", "e"].enumerated() {
                try await storage.insertAuthEvent(ns.authEvent(of: pool, userKey: "u", id: id, at: Int64(index), baseline: ["a", "c", "d"].contains(id)))
            }
            _ = try await storage.updateAuthEvent(userPoolID: pool.id, userKey: "u", eventID: "d") { $0.isBaseline = false }
            _ = try await storage.updateAuthEvent(userPoolID: pool.id, userKey: "u", eventID: "e") { $0.isBaseline = true }
            let first = try await storage.authEvents(userPoolID: pool.id, userKey: "u", baselineOnly: true, before: nil, limit: 2)
            XCTAssertEqual(first.map(\.eventID), ["e", "c"])
            let rest = try await storage.authEvents(userPoolID: pool.id, userKey: "u", baselineOnly: true, before: first.last?.position, limit: 5)
            XCTAssertEqual(rest.map(\.eventID), ["a"])
            let all = try await storage.authEvents(userPoolID: pool.id, userKey: "u", baselineOnly: false, before: nil, limit: 10)
            XCTAssertEqual(all.map(\.isBaseline), [true, false, true, false, true])
        }
    }

    func testAuthEventsNeedTheirUserAndGoWithIt() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "AuthEvents2")
            try await storage.insertUserPool(pool)
            await XCTAssertThrowsStorageError(.notFound) { try await storage.insertAuthEvent(ns.authEvent(of: pool, userKey: "u", id: "a")) }
            for key in ["u", "v"] { try await storage.insertUser(ns.user(of: pool, key: key)) }
            try await storage.insertAuthEvent(ns.authEvent(of: pool, userKey: "u", id: "a"))
            try await storage.insertAuthEvent(ns.authEvent(of: pool, userKey: "v", id: "a"))
            await XCTAssertThrowsStorageError(.duplicate) { try await storage.insertAuthEvent(ns.authEvent(of: pool, userKey: "u", id: "a")) }
            try await storage.deleteUser(userPoolID: pool.id, key: "u")
            try await storage.insertUser(ns.user(of: pool, key: "u"))
            let fresh = try await storage.authEvents(userPoolID: pool.id, userKey: "u", baselineOnly: false, before: nil, limit: 10)
            XCTAssertEqual(fresh, [], "a deleted user takes its events; a new user of the same key has none")
            try await storage.deleteUserPool(id: pool.id) { _ in }
            try await storage.insertUserPool(pool)
            try await storage.insertUser(ns.user(of: pool, key: "v"))
            let withPool = try await storage.authEvents(userPoolID: pool.id, userKey: "v", baselineOnly: false, before: nil, limit: 10)
            XCTAssertEqual(withPool, [], "a deleted pool takes its users' events")
        }
    }

    func testOldEventsArePrunedWhateverTheirPool() async throws {
        try await withIsolatedStorage { storage, ns in
            let pools = [ns.pool(region: ns.regionA, suffix: "AuthEvents5"), ns.pool(region: ns.regionB, suffix: "AuthEvents6")]
            for pool in pools {
                try await storage.insertUserPool(pool)
                try await storage.insertUser(ns.user(of: pool, key: "u"))
                for (id, at) in [("old", 0), ("edge", 10), ("new", 20)] as [(String, Int64)] {
                    try await storage.insertAuthEvent(ns.authEvent(of: pool, userKey: "u", id: id, at: at))
                }
            }
            let cutoff = ns.authEvent(of: pools[0], userKey: "u", id: "x", at: 10).creationDate
            let deleted = try await storage.deleteAuthEvents(createdBefore: cutoff)
            XCTAssertEqual(deleted, 2)
            for pool in pools {
                let left = try await storage.authEvents(userPoolID: pool.id, userKey: "u", baselineOnly: false, before: nil, limit: 10)
                XCTAssertEqual(left.map(\.eventID), ["new", "edge"], "an event of the cutoff's moment stays")
            }
        }
    }

    func testAuthEventUpdatesChangeTheDocumentAndBaselineOnly() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "AuthEvents3")
            try await storage.insertUserPool(pool)
            try await storage.insertUser(ns.user(of: pool, key: "u"))
            let event = ns.authEvent(of: pool, userKey: "u", id: "a")
            try await storage.insertAuthEvent(event)
            let written = try await storage.updateAuthEvent(userPoolID: pool.id, userKey: "u", eventID: "a") { event in
                event.document = Data(#"{"feedback":"Valid"}"#.utf8)
                event.isBaseline = true
            }
            XCTAssertEqual(written, AuthEventRecord(userPoolID: pool.id, userKey: "u", eventID: "a", creationDate: event.creationDate,
                                                    isBaseline: true, document: Data(#"{"feedback":"Valid"}"#.utf8)))
            let read = try await storage.authEvents(userPoolID: pool.id, userKey: "u", baselineOnly: false, before: nil, limit: 1)
            XCTAssertEqual(read, [written])
            do {
                _ = try await storage.updateAuthEvent(userPoolID: pool.id, userKey: "u", eventID: "a") { event in
                    event.document = Data("lost".utf8)
                    throw ClosureError.rejected
                }
                XCTFail("the change's error is rethrown")
            } catch ClosureError.rejected {}
            let unchanged = try await storage.authEvents(userPoolID: pool.id, userKey: "u", baselineOnly: false, before: nil, limit: 1)
            XCTAssertEqual(unchanged, [written], "a change that throws writes nothing")
            await XCTAssertThrowsStorageError(.notFound) {
                _ = try await storage.updateAuthEvent(userPoolID: pool.id, userKey: "u", eventID: "x") { _ in }
            }
        }
    }
}

extension TestNamespace {
    /// An event created `at` seconds after a fixed moment.
    func authEvent(of pool: UserPoolRecord, userKey: String, id: String, at seconds: Int64 = 0, baseline: Bool = false) -> AuthEventRecord {
        AuthEventRecord(userPoolID: pool.id, userKey: userKey, eventID: id, creationDate: Date(milliseconds: 1_700_000_000_123 + seconds * 1000),
                        isBaseline: baseline, document: Data(#"{"event":"\#(id)"}"#.utf8) + Data([0, 255]))
    }
}
