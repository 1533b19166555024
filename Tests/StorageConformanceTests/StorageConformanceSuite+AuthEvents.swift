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
            let stored = try await storage.authEvent(userPoolID: pool.id, userKey: "u", eventID: "a")
            XCTAssertEqual(stored, ns.authEvent(of: pool, userKey: "u", id: "a", at: 1))
            let none = try await storage.authEvent(userPoolID: pool.id, userKey: "v", eventID: "a")
            XCTAssertNil(none, "another user's event")
            let first = try await storage.authEvents(userPoolID: pool.id, userKey: "u", before: nil, limit: 2)
            XCTAssertEqual(first.map(\.eventID), ["d", "c"])
            let rest = try await storage.authEvents(userPoolID: pool.id, userKey: "u", before: first.last?.position, limit: 5)
            XCTAssertEqual(rest.map(\.eventID), ["b", "a"])
            let others = try await storage.authEvents(userPoolID: pool.id, userKey: "v", before: nil, limit: 10)
            XCTAssertEqual(others.map(\.eventID), ["e"])
            let nobody = try await storage.authEvents(userPoolID: pool.id, userKey: "w", before: nil, limit: 10)
            XCTAssertEqual(nobody, [])
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
            let fresh = try await storage.authEvents(userPoolID: pool.id, userKey: "u", before: nil, limit: 10)
            XCTAssertEqual(fresh, [], "a deleted user takes its events; a new user of the same key has none")
            try await storage.deleteUserPool(id: pool.id) { _ in }
            let withPool = try await storage.authEvent(userPoolID: pool.id, userKey: "v", eventID: "a")
            XCTAssertNil(withPool, "a deleted pool takes its users' events")
        }
    }

    func testAuthEventUpdatesChangeOnlyTheDocument() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "AuthEvents3")
            try await storage.insertUserPool(pool)
            try await storage.insertUser(ns.user(of: pool, key: "u"))
            let event = ns.authEvent(of: pool, userKey: "u", id: "a")
            try await storage.insertAuthEvent(event)
            let written = try await storage.updateAuthEvent(userPoolID: pool.id, userKey: "u", eventID: "a") { event in
                event.document = Data(#"{"feedback":"Valid"}"#.utf8)
            }
            XCTAssertEqual(written, AuthEventRecord(userPoolID: pool.id, userKey: "u", eventID: "a", creationDate: event.creationDate,
                                                    document: Data(#"{"feedback":"Valid"}"#.utf8)))
            let read = try await storage.authEvent(userPoolID: pool.id, userKey: "u", eventID: "a")
            XCTAssertEqual(read, written)
            do {
                _ = try await storage.updateAuthEvent(userPoolID: pool.id, userKey: "u", eventID: "a") { event in
                    event.document = Data("lost".utf8)
                    throw ClosureError.rejected
                }
                XCTFail("the change's error is rethrown")
            } catch ClosureError.rejected {}
            let unchanged = try await storage.authEvent(userPoolID: pool.id, userKey: "u", eventID: "a")
            XCTAssertEqual(unchanged, written, "a change that throws writes nothing")
            await XCTAssertThrowsStorageError(.notFound) {
                _ = try await storage.updateAuthEvent(userPoolID: pool.id, userKey: "u", eventID: "x") { _ in }
            }
        }
    }
}

extension TestNamespace {
    /// An event created `at` seconds after a fixed moment.
    func authEvent(of pool: UserPoolRecord, userKey: String, id: String, at seconds: Int64 = 0) -> AuthEventRecord {
        AuthEventRecord(userPoolID: pool.id, userKey: userKey, eventID: id, creationDate: Date(milliseconds: 1_700_000_000_123 + seconds * 1000),
                        document: Data(#"{"event":"\#(id)"}"#.utf8) + Data([0, 255]))
    }
}
