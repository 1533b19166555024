import Foundation
import GatehouseStorage
import XCTest

/// The part of the contract that returns a store to empty (``UserPoolStore/deleteAllUserPools()``),
/// and its readiness (``Storage/checkReady()``), run on every engine with the rest of ``StorageConformanceSuite``.
extension StorageConformanceSuite {
    func testAnOpenStoreIsReady() async throws {
        try await withStorage { storage, _ in try await storage.checkReady() }
    }

    func testDeletingEveryPoolTakesAllTheirsAndKeepsTheSecrets() async throws {
        try await withIsolatedStorage { storage, ns in
            let pools = [ns.pool(region: ns.regionA, suffix: "Reset1"), ns.pool(region: ns.regionB, suffix: "Reset2")]
            for pool in pools {
                try await storage.insertUserPool(pool)
                try await storage.insertUser(ns.user(of: pool, key: "u"))
                try await storage.insertUserPoolItem(ns.item(of: pool, key: "client-\(ns.tag)"))
                try await storage.insertDevice(ns.device(of: pool, userKey: "u", key: "d"))
                try await storage.insertAuthEvent(ns.authEvent(of: pool, userKey: "u", id: "e"))
                try await storage.insertMessage(MessageRecord(id: "\(ns.tag)-\(pool.id)", userPoolID: pool.id, recipient: "r-\(ns.tag)",
                                                              creationDate: Date(timeIntervalSince1970: 1_700_000_000), document: Data("m".utf8)))
            }
            let secret = try await storage.secret(named: "reset-\(ns.tag)", orInsert: Data("kept".utf8))
            let deleted = try await storage.deleteAllUserPools()
            XCTAssertEqual(deleted, 2)
            for pool in pools {
                let gone = try await storage.userPool(id: pool.id)
                XCTAssertNil(gone)
                let messages = try await storage.messages(userPoolID: pool.id, recipient: nil, limit: 5)
                XCTAssertEqual(messages, [])
                // The same ids again start empty.
                try await storage.insertUserPool(pool)
                let user = try await storage.user(userPoolID: pool.id, key: "u")
                XCTAssertNil(user)
                let item = try await storage.userPoolItem(userPoolID: pool.id, kind: .client, key: "client-\(ns.tag)")
                XCTAssertNil(item)
                try await storage.insertUser(ns.user(of: pool, key: "u"))
                let devices = try await storage.devices(userPoolID: pool.id, userKey: "u", rememberedOnly: false, after: nil, limit: 5)
                XCTAssertEqual(devices.items, [])
                let events = try await storage.authEvents(userPoolID: pool.id, userKey: "u", baselineOnly: false, before: nil, limit: 5)
                XCTAssertEqual(events, [])
            }
            let kept = try await storage.secret(named: "reset-\(ns.tag)", orInsert: Data("new".utf8))
            XCTAssertEqual(kept, secret, "the server's secrets stay")
            let again = try await storage.deleteAllUserPools()
            XCTAssertEqual(again, 2)
        }
    }
}
