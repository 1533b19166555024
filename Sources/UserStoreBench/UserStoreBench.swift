import ArgumentParser
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage
import Logging
import StoragePostgres
import StorageSQLite

/// Measures the user store's lookups at two pool sizes: loads users straight through the storage
/// layer, then times reads by username key, exact-match filters on a unique value (email) and a
/// page of an exact-match filter that every user matches (status). Prints microseconds per call
/// for each size and the ratio between them; asserts nothing.
///
/// With `--load-pool`, instead loads `--count` users into an existing pool of a server's SQLite
/// file (`--data-dir`, the server stopped), as the server stores them (bench/users-at-scale.sh).
@main
struct UserStoreBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time user lookups on a small and a large pool of one store (SQLite file by default).")

    @Option(help: "Users in the small pool.")
    var small = 1_000

    @Option(help: "Users in the large pool.")
    var large = 1_000_000

    @Option(help: "Timed calls of each kind per pool.")
    var calls = 20_000

    @Option(help: "A PostgreSQL URL; without one, a SQLite file in a new temporary directory.")
    var databaseURL: String?

    @Option(help: "Load users into this existing pool of the server database in --data-dir instead of timing.")
    var loadPool: String?

    @Option(help: "The server's data directory, for --load-pool.")
    var dataDir = "./gatehouse-data"

    @Option(help: "Users to load with --load-pool: user-0 … user-<count − 1>.")
    var count = 1_000

    func run() async throws {
        if let loadPool {
            let storage = try SQLiteStorage(path: dataDir + "/gatehouse.sqlite3")
            try await ServerUsers(storage: storage, poolID: loadPool).load(count)
            try await storage.shutdown()
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("user-store-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withStore(directory: directory) { storage in
            var results: [(size: Int, timings: [(String, Double)])] = []
            for size in [small, large] {
                let pool = try await load(size, into: storage)
                results.append((size, try await time(pool: pool, size: size, storage)))
            }
            print("| Call | \(small) users (µs) | \(large) users (µs) | ratio |")
            print("|---|---:|---:|---:|")
            for (index, (name, smallTime)) in results[0].timings.enumerated() {
                let largeTime = results[1].timings[index].1
                print("| \(name) | \(String(format: "%.1f", smallTime)) | \(String(format: "%.1f", largeTime)) | \(String(format: "%.2f", largeTime / smallTime))× |")
            }
        }
    }

    /// Runs `body` on the store, then shuts it down (and, for PostgreSQL, stops its pool).
    func withStore(directory: URL, _ body: (any Storage) async throws -> Void) async throws {
        guard let databaseURL else {
            let storage = try SQLiteStorage(path: directory.appendingPathComponent("bench.sqlite3").path)
            try await body(storage)
            try await storage.shutdown()
            return
        }
        let storage = try PostgresStorage(url: databaseURL, logger: Logger(label: "user-store-bench"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await storage.run() }
            try await storage.migrate()
            try await body(storage)
            try await storage.shutdown()
            group.cancelAll()
        }
    }

    /// A new pool with `count` users, inserted by 64 concurrent tasks; prints the load rate.
    func load(_ count: Int, into storage: any Storage) async throws -> String {
        let pool = "us-east-1_bench\(UUID().uuidString.prefix(4))"
        let date = Date(timeIntervalSince1970: 1_700_000_000)
        try await storage.insertUserPool(UserPoolRecord(id: pool, region: "us-east-1", name: "bench", creationDate: date,
                                                        lastModifiedDate: date, document: Data("{}".utf8), summary: Data()))
        let start = Date()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<64 {
                group.addTask {
                    for index in stride(from: worker, to: count, by: 64) {
                        try await storage.insertUser(Self.user(index, of: pool, date: date))
                    }
                }
            }
            try await group.waitForAll()
        }
        let seconds = Date().timeIntervalSince(start)
        print("loaded \(count) users in \(String(format: "%.1f", seconds)) s (\(Int(Double(count) / seconds)) users/s)")
        return pool
    }

    /// Microseconds per call of each kind, on random users of the pool.
    func time(pool: String, size: Int, _ storage: any Storage) async throws -> [(String, Double)] {
        var generator = SystemRandomNumberGenerator()
        let picks = (0..<calls).map { _ in Int.random(in: 0..<size, using: &generator) }
        func measure(_ body: (Int) async throws -> Void) async throws -> Double {
            let start = Date()
            for index in picks { try await body(index) }
            return Date().timeIntervalSince(start) * 1_000_000 / Double(picks.count)
        }
        return [
            ("user by username key (AdminGetUser)", try await measure { index in
                let user = try await storage.user(userPoolID: pool, key: Self.key(index))
                precondition(user != nil)
            }),
            ("filter email = one user's (ListUsers)", try await measure { index in
                let filter = UserFilter(name: "email", value: Self.email(index), prefix: false)
                let page = try await storage.users(userPoolID: pool, filter: filter, after: nil, limit: 60)
                precondition(page.items.count == 1)
            }),
            ("filter status = \"Enabled\", a page of 60 from a random user on", try await measure { index in
                let filter = UserFilter(name: "status", value: "Enabled", prefix: false)
                _ = try await storage.users(userPoolID: pool, filter: filter, after: Self.key(index), limit: 60)
            }),
        ]
    }

    static func key(_ index: Int) -> String { "user-\(index)" }
    static func email(_ index: Int) -> String { "user\(index)@example.com" }

    /// A user shaped like Gatehouse's: a ~400-byte document, five searchable values, its email claimed.
    static func user(_ index: Int, of pool: String, date: Date) -> UserRecord {
        let email = UserValue(name: "email", value: email(index))
        return UserRecord(
            userPoolID: pool, key: key(index), sub: UUID().uuidString.lowercased(), creationDate: date, lastModifiedDate: date,
            document: Data(repeating: UInt8(ascii: "x"), count: 400),
            searchable: [email, UserValue(name: "username", value: key(index)), UserValue(name: "status", value: "Enabled"),
                         UserValue(name: "cognito:user_status", value: "confirmed"), UserValue(name: "given_name", value: "Name\(index % 1000)")],
            claims: [email])
    }
}
