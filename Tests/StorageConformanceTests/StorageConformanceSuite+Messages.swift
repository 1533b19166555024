import Foundation
import GatehouseStorage
import XCTest

/// The part of the contract for the outbox (``MessageStore``), run on every engine with the rest of
/// ``StorageConformanceSuite``. Recipients carry the namespace's tag, as other tests share the database.
extension StorageConformanceSuite {
    func testMessagesReadBackNewestFirstByPoolAndByRecipient() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "Outbox1")
            let other = ns.pool(region: ns.regionA, suffix: "Outbox2")
            try await storage.insertUserPool(pool)
            try await storage.insertUserPool(other)
            let alice = "alice-\(ns.tag)@example.com", bob = "bob-\(ns.tag)@example.com"
            func message(_ number: Int, _ pool: UserPoolRecord, _ recipient: String) -> MessageRecord {
                MessageRecord(id: "\(ns.tag)-\(number)", userPoolID: pool.id, recipient: recipient,
                              creationDate: Date(timeIntervalSince1970: 1_700_000_000.5 + Double(number)), document: Data("m\(number)".utf8))
            }
            let messages = [message(1, pool, alice), message(2, pool, bob), message(3, other, alice), message(4, pool, alice)]
            for item in messages { try await storage.insertMessage(item) }
            let ofPool = try await storage.messages(userPoolID: pool.id, recipient: nil, limit: 10)
            XCTAssertEqual(ofPool, [messages[3], messages[1], messages[0]])
            let toAlice = try await storage.messages(userPoolID: nil, recipient: alice, limit: 10)
            XCTAssertEqual(toAlice, [messages[3], messages[2], messages[0]])
            let both = try await storage.messages(userPoolID: pool.id, recipient: alice, limit: 1)
            XCTAssertEqual(both, [messages[3]])
            let newest = try await storage.messages(userPoolID: nil, recipient: nil, limit: 1)
            XCTAssertEqual(newest.count, 1)
        }
    }

    func testMessagesUpdateAndGoWithTheirPool() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "Outbox3")
            try await storage.insertUserPool(pool)
            let message = MessageRecord(id: "\(ns.tag)-a", userPoolID: pool.id, recipient: "+1555\(ns.tag)",
                                        creationDate: Date(timeIntervalSince1970: 1_700_000_000), document: Data("pending".utf8))
            try await storage.insertMessage(message)
            await XCTAssertThrowsStorageError(.duplicate) { try await storage.insertMessage(message) }
            try await storage.updateMessage(id: message.id, document: Data("sent".utf8))
            let read = try await storage.messages(userPoolID: pool.id, recipient: nil, limit: 5)
            XCTAssertEqual(read.map(\.document), [Data("sent".utf8)])
            let missing = ns.pool(region: ns.regionA, suffix: "Outbox4")
            await XCTAssertThrowsStorageError(.notFound) {
                try await storage.insertMessage(MessageRecord(id: "\(ns.tag)-b", userPoolID: missing.id, recipient: "x",
                                                              creationDate: Date(timeIntervalSince1970: 0), document: Data()))
            }
            try await storage.deleteUserPool(id: pool.id) { _ in }
            let afterDelete = try await storage.messages(userPoolID: pool.id, recipient: nil, limit: 5)
            XCTAssertEqual(afterDelete, [])
            await XCTAssertThrowsStorageError(.notFound) { try await storage.updateMessage(id: message.id, document: Data()) }
        }
    }

    func testMessagesBeforeAnIdAreDeleted() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "Outbox5")
            try await storage.insertUserPool(pool)
            // Ids of this test sort below every id the server makes ("1…"), so other tests' messages
            // stay; what earlier runs of it left below its ids goes first, so that the count is its own.
            _ = try await storage.deleteMessages(before: "0-\(ns.tag)-")
            for number in 1...4 {
                try await storage.insertMessage(MessageRecord(id: "0-\(ns.tag)-\(number)", userPoolID: pool.id, recipient: "r-\(ns.tag)",
                                                              creationDate: Date(timeIntervalSince1970: 1_700_000_000), document: Data()))
            }
            let deleted = try await storage.deleteMessages(before: "0-\(ns.tag)-3")
            XCTAssertEqual(deleted, 2)
            let left = try await storage.messages(userPoolID: pool.id, recipient: nil, limit: 10)
            XCTAssertEqual(left.map(\.id), ["0-\(ns.tag)-4", "0-\(ns.tag)-3"])
        }
    }
}
