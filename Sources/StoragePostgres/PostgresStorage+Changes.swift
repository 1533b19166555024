import GatehouseStorage
import Logging
import PostgresNIO

/// The count of changes to what processes cache (pools, app clients, signing keys), shared by every
/// process on the database as the sequence `gatehouse_changes`, so that a change one process
/// acknowledges is what every process answers from then on:
/// - a writer advances the count after its change is committed and before it answers, so a count
///   read after the answer is past it;
/// - a reader reads the count after its request arrived, and uses a cached record only when the
///   count is the one read just before that record was: no change was acknowledged in between.
///
/// Reads are shared (``BatchedReads``): one round trip per round trip's worth of requests.
extension PostgresStorage {
    /// The count of changes to pools, app clients and signing keys, read after this call began.
    func changeCount() async throws -> Int64 {
        let count = try await changeCounts.value(for: true) { _ in
            try await self.perform {
                let rows = try await self.client.query("SELECT last_value FROM gatehouse_changes", logger: self.logger).collect()
                return try rows.first.map { [true: try $0.decode(Int64.self)] } ?? [:]
            }
        }
        guard let count else { throw StorageError.engine("gatehouse_changes is empty") }
        return count
    }

    /// Runs `write`, a write of what processes cache, then forgets here what it wrote (`forget`)
    /// and tells every process, whatever its outcome: a write whose answer was lost (the timeout, a
    /// dropped connection) may still commit, and a retry that then finds nothing to change must not
    /// be answered while other processes serve what was before.
    /// - Throws: what `write` threw; else what the announcement threw (the change is then not answered).
    func announcing<Result: Sendable>(forget: () -> Void, _ write: () async throws -> Result) async throws -> Result {
        let result: Swift.Result<Result, any Error>
        do { result = .success(try await write()) } catch { result = .failure(error) }
        forget()
        do {
            try await self.announceChange()
        } catch {
            if case .success = result { throw error }
        }
        return try result.get()
    }

    /// Tells every process that a change to pools, app clients or signing keys is committed: call
    /// it before the change is answered.
    func announceChange() async throws {
        try await self.perform {
            _ = try await self.client.query("SELECT nextval('gatehouse_changes')", logger: self.logger).collect()
        }
    }
}
