import Dispatch
import GRDB
@testable import StorageSQLite
import Synchronization
import XCTest

/// What happened, in order, across threads.
private final class EventLog: Sendable {
    private let events = Mutex<[String]>([])
    var list: [String] { events.withLock { $0 } }
    func append(_ event: String) { events.withLock { $0.append(event) } }
}

/// The batch path of ``SQLiteWriteQueue``: writes that queue up behind a running one commit
/// together, each with its own outcome; exclusive access makes writes queue, not block.
final class SQLiteWriteQueueTests: XCTestCase {
    private enum Refused: Error { case byTheWrite }

    /// A memory database with one table `t (v INTEGER PRIMARY KEY)` and a queue writing to it.
    private func makeQueue() async throws -> (DatabaseQueue, SQLiteWriteQueue) {
        let database = try DatabaseQueue()
        try await database.write { db in try db.execute(sql: "CREATE TABLE t (v INTEGER PRIMARY KEY)") }
        return (database, SQLiteWriteQueue(writer: database))
    }

    /// Waits (at most 5 s) until `condition` holds; if it never does, the test fails instead of
    /// hanging.
    private func waitUntil(_ what: String, _ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(5)
        while !condition() {
            guard ContinuousClock.now < deadline else { return XCTFail("never: \(what)") }
            try await Task.sleep(nanoseconds: 1_000_000)
        }
    }

    /// Starts a write of `value` that logs `event`, and waits until it is queued.
    private func queueInsert(_ value: Int, into queue: SQLiteWriteQueue, logging event: String,
                             in events: EventLog) async throws -> Task<Void, any Error> {
        let write = Task {
            try await queue.write { db in
                try db.execute(sql: "INSERT INTO t VALUES (?)", arguments: [value])
                events.append(event)
            }
        }
        try await waitUntil("the write is queued") { queue.queuedCount == 1 }
        return write
    }

    func testWritesQueuedBehindARunningOneCommitTogetherEachWithItsOwnOutcome() async throws {
        let (database, queue) = try await makeQueue()
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let running = Task {
            try await queue.write { db in
                started.signal()
                release.wait()
                try db.execute(sql: "INSERT INTO t VALUES (0)")
            }
        }
        await Task.detached { started.wait() }.value

        let queued: [Task<Int, any Error>] = [1, 2, 3, 1].enumerated().map { index, value in
            Task {
                try await queue.write { db in
                    try db.execute(sql: "INSERT INTO t VALUES (?)", arguments: [value + 10 * index])
                    if index == 2 { throw Refused.byTheWrite }
                    if index == 3 { try db.execute(sql: "INSERT INTO t VALUES (12)") }  // the value index 1 wrote
                    return value
                }
            }
        }
        try await waitUntil("\(queued.count) writes are queued") { queue.queuedCount == queued.count }
        release.signal()

        try await running.value
        let first = try await queued[0].value
        let second = try await queued[1].value
        XCTAssertEqual([first, second], [1, 2])
        do {
            _ = try await queued[2].value
            XCTFail("the write's own error comes back")
        } catch Refused.byTheWrite {}
        do {
            _ = try await queued[3].value
            XCTFail("a constraint violation fails the write")
        } catch let error as DatabaseError {
            XCTAssertEqual(error.extendedResultCode, .SQLITE_CONSTRAINT_PRIMARYKEY)
        }
        let values = try await database.read { db in try Int.fetchAll(db, sql: "SELECT v FROM t ORDER BY v") }
        XCTAssertEqual(values, [0, 1, 12], "the failed writes left nothing, not even their first statement")
        queue.stop()
    }

    func testWritesArrivingDuringExclusiveAccessQueueAndCommitAfterIt() async throws {
        let (database, queue) = try await makeQueue()
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let events = EventLog()
        DispatchQueue.global().async {
            try? queue.exclusively { db in
                entered.signal()
                release.wait()
                let inTransaction = db.isInsideTransaction
                events.append("exclusive, in a transaction: \(inTransaction)")
            }
        }
        await Task.detached { entered.wait() }.value

        let write = try await queueInsert(1, into: queue, logging: "write", in: events)
        release.signal()
        try await write.value

        XCTAssertEqual(events.list, ["exclusive, in a transaction: false", "write"])
        let values = try await database.read { db in try Int.fetchAll(db, sql: "SELECT v FROM t") }
        XCTAssertEqual(values, [1])
        queue.stop()
    }

    func testExclusiveAccessWaitingForARunningWriteGoesBeforeTheWritesQueuedAfterIt() async throws {
        let (database, queue) = try await makeQueue()
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let events = EventLog()
        let running = Task {
            try await queue.write { db in
                started.signal()
                release.wait()
                try db.execute(sql: "INSERT INTO t VALUES (1)")
                events.append("running write")
            }
        }
        await Task.detached { started.wait() }.value
        let exclusive = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? queue.exclusively { _ in events.append("exclusive") }
            exclusive.signal()
        }
        try await waitUntil("exclusive access waits") { queue.exclusiveWaitingCount == 1 }
        let queued = try await queueInsert(2, into: queue, logging: "queued write", in: events)
        release.signal()

        try await running.value
        try await queued.value
        await Task.detached { exclusive.wait() }.value
        XCTAssertEqual(events.list, ["running write", "exclusive", "queued write"])
        let values = try await database.read { db in try Int.fetchAll(db, sql: "SELECT v FROM t ORDER BY v") }
        XCTAssertEqual(values, [1, 2])
        queue.stop()
    }
}
