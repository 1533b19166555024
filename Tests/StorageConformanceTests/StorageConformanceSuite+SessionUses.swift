import Foundation
import GatehouseStorage
import XCTest

/// The part of the contract for single-use sessions (``SessionUseStore``), run on every engine with
/// the rest of ``StorageConformanceSuite``. Session ids carry the namespace's tag, as other tests
/// share the database.
extension StorageConformanceSuite {
    func testASessionIsUsedOnceAndForgottenAfterItExpires() async throws {
        try await withStorage { storage, ns in
            let expired = "\(ns.tag)-expired", live = "\(ns.tag)-live"
            let past = Date(timeIntervalSince1970: 1_000_000), future = Date(timeIntervalSince1970: 4_000_000_000)
            let unusedAtFirst = try await storage.isSessionUsed(id: expired)
            XCTAssertFalse(unusedAtFirst)
            let beforeExpiry = Date(timeIntervalSince1970: 900_000), afterExpiry = Date(timeIntervalSince1970: 2_000_000)
            let firstUse = try await storage.useSession(id: expired, expiry: past, now: beforeExpiry)
            let usedAfter = try await storage.isSessionUsed(id: expired)
            XCTAssertTrue(usedAfter)
            let secondUse = try await storage.useSession(id: expired, expiry: past, now: beforeExpiry)
            XCTAssertTrue(firstUse)
            XCTAssertFalse(secondUse, "a used session stays used")
            let liveUse = try await storage.useSession(id: live, expiry: future, now: beforeExpiry)
            XCTAssertTrue(liveUse, "uses are per id")
            let renewed = try await storage.useSession(id: expired, expiry: future, now: afterExpiry)
            let renewedAgain = try await storage.useSession(id: expired, expiry: future, now: afterExpiry)
            XCTAssertTrue(renewed, "a use that expired no longer counts")
            XCTAssertFalse(renewedAgain, "the new use does")
            let again = try await storage.useSession(id: "\(ns.tag)-again", expiry: past, now: beforeExpiry)
            XCTAssertTrue(again)
            let forgotten = try await storage.deleteSessionUses(expiredBefore: afterExpiry)
            XCTAssertGreaterThanOrEqual(forgotten, 1)
            let afterForgetting = try await storage.useSession(id: "\(ns.tag)-again", expiry: past, now: beforeExpiry)
            let liveAgain = try await storage.useSession(id: live, expiry: future, now: afterExpiry)
            XCTAssertTrue(afterForgetting, "an expired use is forgotten")
            XCTAssertFalse(liveAgain, "a use that has not expired is kept")
        }
    }

    func testConcurrentUsesOfOneSessionLetExactlyOneThrough() async throws {
        try await withStorage { storage, ns in
            let id = "\(ns.tag)-race"
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        try await storage.useSession(id: id, expiry: Date(timeIntervalSince1970: 4_000_000_000), now: Date(timeIntervalSince1970: 1_000_000))
                    }
                }
                var outcomes: [Bool] = []
                for try await outcome in group { outcomes.append(outcome) }
                return outcomes
            }
            XCTAssertEqual(outcomes.filter { $0 }.count, 1)
        }
    }

    func testConcurrentRenewalsOfAnExpiredUseLetExactlyOneThrough() async throws {
        try await withStorage { storage, ns in
            let id = "\(ns.tag)-renewal"
            let first = try await storage.useSession(id: id, expiry: Date(timeIntervalSince1970: 1_000_000), now: Date(timeIntervalSince1970: 900_000))
            XCTAssertTrue(first)
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        try await storage.useSession(id: id, expiry: Date(timeIntervalSince1970: 4_000_000_000),
                                                     now: Date(timeIntervalSince1970: 2_000_000))
                    }
                }
                var outcomes: [Bool] = []
                for try await outcome in group { outcomes.append(outcome) }
                return outcomes
            }
            XCTAssertEqual(outcomes.filter { $0 }.count, 1)
        }
    }
}
