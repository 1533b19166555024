import Foundation
import GatehouseStorage
import XCTest

/// The part of the contract for users' devices (``DeviceStore``), run on every engine with the
/// rest of ``StorageConformanceSuite``.
extension StorageConformanceSuite {
    func testDevicesAreTheirUsersListedInKeyOrderAndPaged() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "Devices1")
            try await storage.insertUserPool(pool)
            for key in ["u", "v"] { try await storage.insertUser(ns.user(of: pool, key: key)) }
            for key in ["b", "a", "B", "c"] { try await storage.insertDevice(ns.device(of: pool, userKey: "u", key: key)) }
            try await storage.insertDevice(ns.device(of: pool, userKey: "v", key: "a"))
            let stored = try await storage.device(userPoolID: pool.id, userKey: "u", deviceKey: "a")
            XCTAssertEqual(stored, ns.device(of: pool, userKey: "u", key: "a"))
            let none = try await storage.device(userPoolID: pool.id, userKey: "u", deviceKey: "x")
            XCTAssertNil(none)
            let first = try await storage.devices(userPoolID: pool.id, userKey: "u", rememberedOnly: false, after: nil, limit: 2)
            XCTAssertEqual(first.items.map(\.deviceKey), ["B", "a"], "byte order")
            XCTAssertEqual(first.nextCursor, "a")
            let rest = try await storage.devices(userPoolID: pool.id, userKey: "u", rememberedOnly: false, after: "a", limit: 2)
            XCTAssertEqual(rest.items.map(\.deviceKey), ["b", "c"])
            XCTAssertNil(rest.nextCursor)
            let others = try await storage.devices(userPoolID: pool.id, userKey: "v", rememberedOnly: false, after: nil, limit: 10)
            XCTAssertEqual(others.items.map(\.userKey), ["v"])
            let nobody = try await storage.devices(userPoolID: pool.id, userKey: "w", rememberedOnly: false, after: nil, limit: 10)
            XCTAssertEqual(nobody.items, [])
        }
    }

    func testDevicesNeedTheirUserAndGoWithIt() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "Devices2")
            try await storage.insertUserPool(pool)
            await XCTAssertThrowsStorageError(.notFound) { try await storage.insertDevice(ns.device(of: pool, userKey: "u", key: "a")) }
            try await storage.insertUser(ns.user(of: pool, key: "u"))
            try await storage.insertUser(ns.user(of: pool, key: "v"))
            try await storage.insertDevice(ns.device(of: pool, userKey: "u", key: "a"))
            try await storage.insertDevice(ns.device(of: pool, userKey: "v", key: "a"))
            await XCTAssertThrowsStorageError(.duplicate) { try await storage.insertDevice(ns.device(of: pool, userKey: "u", key: "a")) }
            try await storage.deleteUser(userPoolID: pool.id, key: "u")
            let gone = try await storage.device(userPoolID: pool.id, userKey: "u", deviceKey: "a")
            XCTAssertNil(gone, "a deleted user takes its devices")
            try await storage.insertUser(ns.user(of: pool, key: "u"))
            let fresh = try await storage.devices(userPoolID: pool.id, userKey: "u", rememberedOnly: false, after: nil, limit: 10)
            XCTAssertEqual(fresh.items, [], "a new user of the same key has none")
            try await storage.deleteUserPool(id: pool.id) { _ in }
            let withPool = try await storage.device(userPoolID: pool.id, userKey: "v", deviceKey: "a")
            XCTAssertNil(withPool, "a deleted pool takes its users' devices")
        }
    }

    func testRememberedDevicesListApartFromTheOthers() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "Devices4")
            try await storage.insertUserPool(pool)
            try await storage.insertUser(ns.user(of: pool, key: "u"))
            for key in ["a", "b", "c", "d", "e"] {
                try await storage.insertDevice(ns.device(of: pool, userKey: "u", key: key, remembered: ["b", "d", "e"].contains(key)))
            }
            _ = try await storage.updateDevice(userPoolID: pool.id, userKey: "u", deviceKey: "e") { $0.remembered = false }
            _ = try await storage.updateDevice(userPoolID: pool.id, userKey: "u", deviceKey: "a") { $0.remembered = true }
            let first = try await storage.devices(userPoolID: pool.id, userKey: "u", rememberedOnly: true, after: nil, limit: 2)
            XCTAssertEqual(first.items.map(\.deviceKey), ["a", "b"])
            XCTAssertEqual(first.items.map(\.remembered), [true, true])
            XCTAssertEqual(first.nextCursor, "b")
            let rest = try await storage.devices(userPoolID: pool.id, userKey: "u", rememberedOnly: true, after: "b", limit: 2)
            XCTAssertEqual(rest.items.map(\.deviceKey), ["d"])
            XCTAssertNil(rest.nextCursor)
            let all = try await storage.devices(userPoolID: pool.id, userKey: "u", rememberedOnly: false, after: nil, limit: 10)
            XCTAssertEqual(all.items.map(\.remembered), [true, true, false, true, false])
        }
    }

    func testDeviceUpdatesAndDeletes() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "Devices3")
            try await storage.insertUserPool(pool)
            try await storage.insertUser(ns.user(of: pool, key: "u"))
            let device = ns.device(of: pool, userKey: "u", key: "a")
            try await storage.insertDevice(device)
            let later = Date(milliseconds: 1_700_000_200_789)
            let written = try await storage.updateDevice(userPoolID: pool.id, userKey: "u", deviceKey: "a") { device in
                device.document = Data(#"{"remembered":true}"#.utf8)
                device.remembered = true
                device.lastModifiedDate = later
            }
            XCTAssertEqual(written.document, Data(#"{"remembered":true}"#.utf8))
            XCTAssertTrue(written.remembered)
            XCTAssertEqual(written.lastModifiedDate, later)
            XCTAssertEqual(written.creationDate, device.creationDate)
            let read = try await storage.device(userPoolID: pool.id, userKey: "u", deviceKey: "a")
            XCTAssertEqual(read, written)
            do {
                _ = try await storage.updateDevice(userPoolID: pool.id, userKey: "u", deviceKey: "a") { device in
                    device.document = Data("lost".utf8)
                    throw ClosureError.rejected
                }
                XCTFail("the change's error is rethrown")
            } catch ClosureError.rejected {}
            let unchanged = try await storage.device(userPoolID: pool.id, userKey: "u", deviceKey: "a")
            XCTAssertEqual(unchanged, written, "a change that throws writes nothing")
            await XCTAssertThrowsStorageError(.notFound) {
                _ = try await storage.updateDevice(userPoolID: pool.id, userKey: "u", deviceKey: "x") { _ in }
            }
            try await storage.deleteDevice(userPoolID: pool.id, userKey: "u", deviceKey: "a")
            await XCTAssertThrowsStorageError(.notFound) { try await storage.deleteDevice(userPoolID: pool.id, userKey: "u", deviceKey: "a") }
            let deleted = try await storage.device(userPoolID: pool.id, userKey: "u", deviceKey: "a")
            XCTAssertNil(deleted)
        }
    }
}

extension TestNamespace {
    func device(of pool: UserPoolRecord, userKey: String, key: String, remembered: Bool = false) -> DeviceRecord {
        DeviceRecord(userPoolID: pool.id, userKey: userKey, deviceKey: key, creationDate: Date(milliseconds: 1_700_000_000_123),
                     lastModifiedDate: Date(milliseconds: 1_700_000_100_456), remembered: remembered,
                     document: Data(#"{"device":"\#(key)"}"#.utf8) + Data([0, 255]))
    }
}
