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
            let firstUse = try await storage.useSession(id: expired, expiry: past)
            let usedAfter = try await storage.isSessionUsed(id: expired)
            XCTAssertTrue(usedAfter)
            let secondUse = try await storage.useSession(id: expired, expiry: past)
            XCTAssertTrue(firstUse)
            XCTAssertFalse(secondUse, "a used session stays used")
            let liveUse = try await storage.useSession(id: live, expiry: future)
            XCTAssertTrue(liveUse, "uses are per id")
            let forgotten = try await storage.deleteSessionUses(expiredBefore: Date(timeIntervalSince1970: 2_000_000))
            XCTAssertGreaterThanOrEqual(forgotten, 1)
            let afterForgetting = try await storage.useSession(id: expired, expiry: past)
            let liveAgain = try await storage.useSession(id: live, expiry: future)
            XCTAssertTrue(afterForgetting, "an expired use is forgotten")
            XCTAssertFalse(liveAgain, "a use that has not expired is kept")
        }
    }

    func testConcurrentUsesOfOneSessionLetExactlyOneThrough() async throws {
        try await withStorage { storage, ns in
            let id = "\(ns.tag)-race"
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await storage.useSession(id: id, expiry: Date(timeIntervalSince1970: 4_000_000_000)) }
                }
                var outcomes: [Bool] = []
                for try await outcome in group { outcomes.append(outcome) }
                return outcomes
            }
            XCTAssertEqual(outcomes.filter { $0 }.count, 1)
        }
    }
}
