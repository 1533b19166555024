import Foundation
import GatehouseStorage
import XCTest

/// The user part of the contract (``UserStore``), run on every engine with the rest of
/// ``StorageConformanceSuite``.
extension StorageConformanceSuite {
    func testTheUserCountFollowsConcurrentInsertsDeletesAndThePool() async throws {
        try await withStorage { storage, ns in
            let pool = ns.pool(region: ns.regionA, suffix: "Counted1")
            try await storage.insertUserPool(pool)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<40 { group.addTask { try await storage.insertUser(ns.user(of: pool, key: "u\(index)")) } }
                try await group.waitForAll()
            }
            var count = try await storage.userCount(userPoolID: pool.id)
            XCTAssertEqual(count, 40)
            await XCTAssertThrowsStorageError(.duplicate) { try await storage.insertUser(ns.user(of: pool, key: "u0")) }
            for index in 0..<15 { try await storage.deleteUser(userPoolID: pool.id, key: "u\(index)") }
            count = try await storage.userCount(userPoolID: pool.id)
            XCTAssertEqual(count, 25, "a refused insert counts nothing, each delete one")
            try await storage.deleteUserPool(id: pool.id) { _ in }
            try await storage.insertUserPool(pool)
            count = try await storage.userCount(userPoolID: pool.id)
            XCTAssertEqual(count, 0, "a pool made again under the same id starts from nothing")
        }
    }

    func testInsertedUserReadsBackByKeySubAndClaim() async throws {
        try await withStorage { storage, ns in
            let pool = try await ns.insertedPool(storage, suffix: "Users1")
            let user = ns.user(of: pool, key: "alice", email: "alice@example.com")
            try await storage.insertUser(user)
            let byKey = try await storage.user(userPoolID: pool.id, key: "alice")
            XCTAssertEqual(byKey, user)
            let bySub = try await storage.user(userPoolID: pool.id, sub: user.sub)
            XCTAssertEqual(bySub, user)
            let byClaim = try await storage.user(userPoolID: pool.id, claim: UserValue(name: "email", value: "alice@example.com"))
            XCTAssertEqual(byClaim, user)
            let missing = try await storage.user(userPoolID: pool.id, key: "Alice")
            XCTAssertNil(missing, "keys compare byte for byte")
            let count = try await storage.userCount(userPoolID: pool.id)
            XCTAssertEqual(count, 1)
        }
    }

    func testInsertingAUserRefusesAMissingPoolATakenKeyOrSubAndAHeldClaim() async throws {
        try await withStorage { storage, ns in
            let nowhere = ns.pool(region: ns.regionA, suffix: "NoUsersPool")
            await XCTAssertThrowsStorageError(.notFound) { try await storage.insertUser(ns.user(of: nowhere, key: "x")) }
            let pool = try await ns.insertedPool(storage, suffix: "Users2")
            let alice = ns.user(of: pool, key: "alice", email: "shared@example.com")
            try await storage.insertUser(alice)
            await XCTAssertThrowsStorageError(.duplicate) { try await storage.insertUser(ns.user(of: pool, key: "alice")) }
            let sameSub = UserRecord(userPoolID: pool.id, key: "other", sub: alice.sub, creationDate: alice.creationDate,
                                     lastModifiedDate: alice.lastModifiedDate, document: Data())
            await XCTAssertThrowsStorageError(.duplicate) { try await storage.insertUser(sameSub) }
            let bob = ns.user(of: pool, key: "bob", email: "shared@example.com")
            await XCTAssertThrowsStorageError(.conflict(name: "email")) { try await storage.insertUser(bob) }
            let notWritten = try await storage.user(userPoolID: pool.id, key: "bob")
            XCTAssertNil(notWritten, "a refused insert writes nothing")
            let page = try await storage.users(userPoolID: pool.id, filter: UserFilter(name: "email", value: "shared@example.com", prefix: false),
                                               after: nil, limit: 10)
            XCTAssertEqual(page.items.map(\.key), ["alice"], "nor any of its values")
        }
    }

    func testUserUpdateReplacesDocumentAndValuesButNotKeySubOrCreationDate() async throws {
        try await withStorage { storage, ns in
            let pool = try await ns.insertedPool(storage, suffix: "Users3")
            let user = ns.user(of: pool, key: "carol", email: "old@example.com")
            try await storage.insertUser(user)
            let updated = try await storage.updateUser(userPoolID: pool.id, key: "carol") { record in
                record = UserRecord(userPoolID: "other", key: "other", sub: "other", creationDate: Date(milliseconds: 1),
                                    lastModifiedDate: Date(timeIntervalSince1970: 1_800_000_000.456_7), document: Data("new".utf8),
                                    searchable: [UserValue(name: "email", value: "new@example.com")],
                                    claims: [UserValue(name: "email", value: "new@example.com")])
            }
            let expected = UserRecord(userPoolID: pool.id, key: "carol", sub: user.sub, creationDate: user.creationDate,
                                      lastModifiedDate: Date(milliseconds: 1_800_000_000_457), document: Data("new".utf8),
                                      searchable: [UserValue(name: "email", value: "new@example.com")],
                                      claims: [UserValue(name: "email", value: "new@example.com")])
            XCTAssertEqual(updated, expected)
            let read = try await storage.user(userPoolID: pool.id, key: "carol")
            XCTAssertEqual(read, expected)
            let oldClaim = try await storage.user(userPoolID: pool.id, claim: UserValue(name: "email", value: "old@example.com"))
            XCTAssertNil(oldClaim, "the old claim is released")
            try await storage.insertUser(ns.user(of: pool, key: "dave", email: "old@example.com"))
        }
    }

    func testAUserUpdateTakingAHeldClaimOrThrowingWritesNothing() async throws {
        try await withStorage { storage, ns in
            let pool = try await ns.insertedPool(storage, suffix: "Users4")
            let erin = ns.user(of: pool, key: "erin", email: "erin@example.com")
            let frank = ns.user(of: pool, key: "frank", email: "frank@example.com")
            try await storage.insertUser(erin)
            try await storage.insertUser(frank)
            await XCTAssertThrowsStorageError(.conflict(name: "email")) {
                _ = try await storage.updateUser(userPoolID: pool.id, key: "frank") { record in
                    record.document = Data("changed".utf8)
                    record.claims = [UserValue(name: "email", value: "erin@example.com")]
                }
            }
            do {
                _ = try await storage.updateUser(userPoolID: pool.id, key: "frank") { record in
                    record.document = Data("changed".utf8)
                    throw ClosureError.rejected
                }
                XCTFail("the change's error is rethrown")
            } catch let error as ClosureError {
                XCTAssertEqual(error, .rejected)
            }
            let read = try await storage.user(userPoolID: pool.id, key: "frank")
            XCTAssertEqual(read, frank, "refused updates change nothing")
            await XCTAssertThrowsStorageError(.notFound) {
                _ = try await storage.updateUser(userPoolID: pool.id, key: "nobody") { record in record.document = Data() }
            }
        }
    }

    func testConcurrentUserUpdatesLoseNoWrite() async throws {
        try await withStorage { storage, ns in
            let pool = try await ns.insertedPool(storage, suffix: "Users5")
            var user = ns.user(of: pool, key: "gina")
            user.document = Data()
            try await storage.insertUser(user)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<8 {
                    group.addTask {
                        for step in 0..<10 {
                            _ = try await storage.updateUser(userPoolID: pool.id, key: "gina") { record in
                                record.document += Data("t\(task)-\(step),".utf8)
                                record.searchable.insert(UserValue(name: "tag", value: "t\(task)-\(step)"))
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let read = try await XCTUnwrapAsync(try await storage.user(userPoolID: pool.id, key: "gina"))
            let expected = (0..<8).flatMap { task in (0..<10).map { "t\(task)-\($0)" } }.sorted()
            XCTAssertEqual(String(decoding: read.document, as: UTF8.self).split(separator: ",").map(String.init).sorted(), expected)
            XCTAssertEqual(read.searchable.filter { $0.name == "tag" }.map(\.value).sorted(), expected)
        }
    }

    /// Updates at once, some refused by their change and one claiming a value another user holds
    /// (each of the others claims one of its own in place of the one before): each fails alone, as
    /// it would in a transaction of its own, and the others are all written.
    func testConcurrentUpdatesThatFailFailAlone() async throws {
        struct Refused: Error {}
        try await withStorage { storage, ns in
            let pool = try await ns.insertedPool(storage, suffix: "Users9")
            try await storage.insertUser(ns.user(of: pool, key: "holder", email: "taken@example.com"))
            var user = ns.user(of: pool, key: "jill")
            user.document = Data()
            try await storage.insertUser(user)
            let outcomes = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for task in 0..<24 {
                    group.addTask {
                        do {
                            _ = try await storage.updateUser(userPoolID: pool.id, key: "jill") { record in
                                record.document += Data("t\(task),".utf8)
                                if task % 4 == 1 { throw Refused() }
                                // Each claims a value of its own in place of the one before, so a change
                                // after task 6's in one batch would leave its taken value unwritten.
                                record.claims = [UserValue(name: "email", value: task == 6 ? "taken@example.com" : "t\(task)@example.com")]
                            }
                            return (task, "written")
                        } catch is Refused {
                            return (task, "refused")
                        } catch StorageError.conflict(let name) {
                            return (task, "conflict on \(name)")
                        }
                    }
                }
                return try await group.reduce(into: [Int: String]()) { $0[$1.0] = $1.1 }
            }
            let written = (0..<24).filter { $0 % 4 != 1 && $0 != 6 }
            XCTAssertEqual(outcomes, Dictionary(uniqueKeysWithValues: (0..<24).map { task in
                (task, task % 4 == 1 ? "refused" : task == 6 ? "conflict on email" : "written")
            }))
            let read = try await XCTUnwrapAsync(try await storage.user(userPoolID: pool.id, key: "jill"))
            XCTAssertEqual(String(decoding: read.document, as: UTF8.self).split(separator: ",").map(String.init).sorted(),
                           written.map { "t\($0)" }.sorted())
            XCTAssertEqual(read.claims.count, 1)
            XCTAssertTrue(written.map { UserValue(name: "email", value: "t\($0)@example.com") }.contains(read.claims.first!), "\(read.claims)")
        }
    }

    /// Reads at once of different users, missing ones and pages of different filters, in two pools:
    /// each gets what it would get alone.
    func testConcurrentReadsEachGetTheirOwnAnswer() async throws {
        try await withStorage { storage, ns in
            let pools = [try await ns.insertedPool(storage, suffix: "Users10"), try await ns.insertedPool(storage, suffix: "Users11")]
            for pool in pools {
                for index in 0..<6 {  // two users of each email: searchable, not claimed
                    var user = ns.user(of: pool, key: "k\(index)", email: "e\(index % 3)@\(pool.id).example")
                    user.claims = []
                    try await storage.insertUser(user)
                }
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for round in 0..<40 {
                    let pool = pools[round % 2]
                    group.addTask {
                        let key = "k\(round % 8)"  // k6 and k7 do not exist
                        let user = try await storage.user(userPoolID: pool.id, key: key)
                        XCTAssertEqual(user?.key, round % 8 < 6 ? key : nil, key)
                        XCTAssertEqual(user.map { $0.userPoolID } ?? pool.id, pool.id)
                        let email = "e\(round % 3)@\(pool.id).example"
                        let page = try await storage.users(userPoolID: pool.id, filter: UserFilter(name: "email", value: email, prefix: false),
                                                           after: round % 4 == 0 ? "k0" : nil, limit: 1 + round % 2)
                        let all = ["k\(round % 3)", "k\(round % 3 + 3)"].filter { round % 4 != 0 || $0 > "k0" }
                        XCTAssertEqual(page.items.map(\.key), Array(all.prefix(1 + round % 2)), "\(email) round \(round)")
                        XCTAssertEqual(page.nextCursor != nil, all.count > 1 + round % 2, "\(email) round \(round)")
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    func testDeletingAUserOrItsPoolRemovesItAndItsValues() async throws {
        try await withStorage { storage, ns in
            let pool = try await ns.insertedPool(storage, suffix: "Users6")
            try await storage.insertUser(ns.user(of: pool, key: "hank", email: "hank@example.com"))
            try await storage.deleteUser(userPoolID: pool.id, key: "hank")
            let gone = try await storage.user(userPoolID: pool.id, key: "hank")
            XCTAssertNil(gone)
            await XCTAssertThrowsStorageError(.notFound) { try await storage.deleteUser(userPoolID: pool.id, key: "hank") }
            try await storage.insertUser(ns.user(of: pool, key: "ivy", email: "hank@example.com"))
            try await storage.deleteUserPool(id: pool.id) { _ in }
            try await storage.insertUserPool(pool)
            let page = try await storage.users(userPoolID: pool.id, filter: nil, after: nil, limit: 10)
            XCTAssertEqual(page.items, [], "a pool created again with the same id has none of the old users")
            let filtered = try await storage.users(userPoolID: pool.id, filter: UserFilter(name: "email", value: "hank@example.com", prefix: false),
                                                   after: nil, limit: 10)
            XCTAssertEqual(filtered.items, [])
            let count = try await storage.userCount(userPoolID: pool.id)
            XCTAssertEqual(count, 0)
        }
    }

    func testListingUsersPagesInKeyOrderThroughExactAndPrefixFilters() async throws {
        try await withStorage { storage, ns in
            let pool = try await ns.insertedPool(storage, suffix: "Users7")
            let other = try await ns.insertedPool(storage, suffix: "Users8")
            let emails = ["b": "ann@a.com", "A": "anna@b.com", "a": "bob@a.com", "c": "ann@c.com", "Z": "zoë@a.com",
                          "0": "zoé@a.com", "9": "ann@a.com"]
            for (key, email) in emails.shuffled() {
                var user = ns.user(of: pool, key: key)
                user.searchable = [UserValue(name: "email", value: email), UserValue(name: "status", value: "Enabled")]
                try await storage.insertUser(user)
            }
            var stranger = ns.user(of: other, key: "ann")
            stranger.searchable = [UserValue(name: "email", value: "ann@a.com")]
            try await storage.insertUser(stranger)
            func keys(_ filter: UserFilter?, limit: Int) async throws -> [String] {
                var keys: [String] = []
                var after: String?
                repeat {
                    let page = try await storage.users(userPoolID: pool.id, filter: filter, after: after, limit: limit)
                    keys += page.items.map(\.key)
                    after = page.nextCursor
                } while after != nil
                return keys
            }
            let all = try await keys(nil, limit: 3)
            XCTAssertEqual(all, ["0", "9", "A", "Z", "a", "b", "c"])
            let exact = try await keys(UserFilter(name: "email", value: "ann@a.com", prefix: false), limit: 1)
            XCTAssertEqual(exact, ["9", "b"])
            let prefix = try await keys(UserFilter(name: "email", value: "ann", prefix: true), limit: 2)
            XCTAssertEqual(prefix, ["9", "A", "b", "c"])
            let accented = try await keys(UserFilter(name: "email", value: "zo", prefix: true), limit: 10)
            XCTAssertEqual(accented, ["0", "Z"])
            let zoe = try await keys(UserFilter(name: "email", value: "zoë", prefix: true), limit: 10)
            XCTAssertEqual(zoe, ["Z"])
            let everyValue = try await keys(UserFilter(name: "status", value: "", prefix: true), limit: 4)
            XCTAssertEqual(everyValue, all)
            let none = try await keys(UserFilter(name: "email", value: "ANN@A.COM", prefix: false), limit: 10)
            XCTAssertEqual(none, [], "values compare byte for byte")
            let count = try await storage.userCount(userPoolID: pool.id)
            XCTAssertEqual(count, 7)
        }
    }
}

extension TestNamespace {
    func insertedPool(_ storage: any Storage, suffix: String) async throws -> UserPoolRecord {
        let pool = pool(region: regionA, suffix: suffix)
        try await storage.insertUserPool(pool)
        return pool
    }

    /// A user whose email, when given, is both searchable and claimed.
    func user(of pool: UserPoolRecord, key: String, email: String? = nil) -> UserRecord {
        let values: Set<UserValue> = email.map { [UserValue(name: "email", value: $0)] } ?? []
        return UserRecord(userPoolID: pool.id, key: key, sub: "sub-\(tag)-\(pool.id)-\(key)",
                          creationDate: Date(milliseconds: 1_700_000_000_123), lastModifiedDate: Date(milliseconds: 1_700_000_100_456),
                          document: Data(#"{"user":"\#(key)"}"#.utf8) + Data([0, 255]), searchable: values, claims: values)
    }
}
