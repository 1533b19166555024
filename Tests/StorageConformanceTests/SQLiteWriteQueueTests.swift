import Dispatch
import GRDB
@testable import StorageSQLite
import Synchronization
import XCTest

/// The batch path of ``SQLiteWriteQueue``: writes that queue up behind a running one commit
/// together, each with its own outcome; exclusive access makes writes queue, not block.
final class SQLiteWriteQueueTests: XCTestCase {
    private enum Refused: Error { case byTheWrite }

    func testWritesQueuedBehindARunningOneCommitTogetherEachWithItsOwnOutcome() async throws {
        let database = try DatabaseQueue()
        try await database.write { db in try db.execute(sql: "CREATE TABLE t (v INTEGER PRIMARY KEY)") }
        let queue = SQLiteWriteQueue(writer: database)
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
        while queue.queuedCount < queued.count { try await Task.sleep(nanoseconds: 1_000_000) }
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
        let database = try DatabaseQueue()
        try await database.write { db in try db.execute(sql: "CREATE TABLE t (v INTEGER PRIMARY KEY)") }
        let queue = SQLiteWriteQueue(writer: database)
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let events = Mutex<[String]>([])
        DispatchQueue.global().async {
            try? queue.exclusively { db in
                entered.signal()
                release.wait()
                let inTransaction = db.isInsideTransaction
                events.withLock { $0.append("exclusive, in a transaction: \(inTransaction)") }
            }
        }
        await Task.detached { entered.wait() }.value

        let write = Task {
            try await queue.write { db in
                try db.execute(sql: "INSERT INTO t VALUES (1)")
                events.withLock { $0.append("write") }
            }
        }
        while queue.queuedCount < 1 { try await Task.sleep(nanoseconds: 1_000_000) }
        release.signal()
        try await write.value

        XCTAssertEqual(events.withLock { $0 }, ["exclusive, in a transaction: false", "write"])
        let values = try await database.read { db in try Int.fetchAll(db, sql: "SELECT v FROM t") }
        XCTAssertEqual(values, [1])
        queue.stop()
    }
}
