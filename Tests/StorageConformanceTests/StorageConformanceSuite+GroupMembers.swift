import Foundation
import GatehouseStorage
import XCTest

/// The part of the contract for group memberships (``GroupMembershipStore``), run on every engine
/// with the rest of ``StorageConformanceSuite``.
extension StorageConformanceSuite {
    func testMembershipsListBothWaysInOrderAndPage() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "Members1")
            try await storage.insertUserPool(pool)
            for name in ["b", "a", "c"] { try await storage.insertUserPoolItem(ns.item(of: pool, key: name, kind: .group)) }
            try await storage.insertUserPoolItem(ns.item(of: pool, key: "a", kind: .client))
            for key in ["u2", "u1", "u3"] { try await storage.insertUser(ns.user(of: pool, key: key)) }
            for (group, user) in [("a", "u1"), ("b", "u1"), ("c", "u1"), ("a", "u2"), ("a", "u3"), ("a", "u1")] {
                try await storage.addUserToGroup(userPoolID: pool.id, groupName: group, userKey: user)
            }
            let firstGroups = try await storage.groups(ofUserKey: "u1", userPoolID: pool.id, after: nil, limit: 2)
            XCTAssertEqual(firstGroups.items.map(\.key), ["a", "b"])
            XCTAssertEqual(firstGroups.items.map(\.kind), [.group, .group])
            XCTAssertEqual(firstGroups.nextCursor, "b")
            let restGroups = try await storage.groups(ofUserKey: "u1", userPoolID: pool.id, after: "b", limit: 2)
            XCTAssertEqual(restGroups.items.map(\.key), ["c"])
            XCTAssertNil(restGroups.nextCursor)
            let members = try await storage.users(inGroup: "a", userPoolID: pool.id, after: nil, limit: 10)
            XCTAssertEqual(members.items.map(\.key), ["u1", "u2", "u3"], "adding a member twice keeps one membership")
            XCTAssertEqual(members.items.first, ns.user(of: pool, key: "u1"))
            let paged = try await storage.users(inGroup: "a", userPoolID: pool.id, after: "u1", limit: 1)
            XCTAssertEqual(paged.items.map(\.key), ["u2"])
            XCTAssertEqual(paged.nextCursor, "u2")
        }
    }

    func testMembershipsNeedBothEndsAndGoWithEither() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "Members2")
            try await storage.insertUserPool(pool)
            try await storage.insertUserPoolItem(ns.item(of: pool, key: "g", kind: .group))
            try await storage.insertUserPoolItem(ns.item(of: pool, key: "h", kind: .group))
            try await storage.insertUserPoolItem(ns.item(of: pool, key: "client", kind: .client))
            try await storage.insertUser(ns.user(of: pool, key: "u"))
            try await storage.insertUser(ns.user(of: pool, key: "v"))
            await XCTAssertThrowsStorageError(.notFound) { try await storage.addUserToGroup(userPoolID: pool.id, groupName: "x", userKey: "u") }
            await XCTAssertThrowsStorageError(.notFound) { try await storage.addUserToGroup(userPoolID: pool.id, groupName: "g", userKey: "x") }
            await XCTAssertThrowsStorageError(.notFound) {
                try await storage.addUserToGroup(userPoolID: pool.id, groupName: "client", userKey: "u")
            }
            for (group, user) in [("g", "u"), ("h", "u"), ("g", "v")] {
                try await storage.addUserToGroup(userPoolID: pool.id, groupName: group, userKey: user)
            }
            try await storage.removeUserFromGroup(userPoolID: pool.id, groupName: "h", userKey: "v")
            try await storage.deleteUserPoolItem(userPoolID: pool.id, kind: .group, key: "h")
            let groups = try await storage.groups(ofUserKey: "u", userPoolID: pool.id, after: nil, limit: 10)
            XCTAssertEqual(groups.items.map(\.key), ["g"], "a deleted group takes its memberships")
            try await storage.deleteUser(userPoolID: pool.id, key: "u")
            let members = try await storage.users(inGroup: "g", userPoolID: pool.id, after: nil, limit: 10)
            XCTAssertEqual(members.items.map(\.key), ["v"], "a deleted user leaves its groups")
            try await storage.removeUserFromGroup(userPoolID: pool.id, groupName: "g", userKey: "v")
            let none = try await storage.users(inGroup: "g", userPoolID: pool.id, after: nil, limit: 10)
            XCTAssertEqual(none.items, [])
        }
    }
}
