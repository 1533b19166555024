import GRDB

/// Transactions and savepoints through cached statements: GRDB's `inTransaction` and
/// `inSavepoint` parse their SQL on every call, which measured 2–3% of an UpdateUserPool call.
extension Database {
    /// Runs `body` in a `BEGIN IMMEDIATE` transaction and commits it; if `body` or the commit
    /// throws, rolls back and rethrows.
    func inImmediateTransaction<T>(_ body: () throws -> T) throws -> T {
        try cachedStatement(sql: "BEGIN IMMEDIATE").execute()
        do {
            let value = try body()
            try cachedStatement(sql: "COMMIT").execute()
            return value
        } catch {
            if isInsideTransaction { try? cachedStatement(sql: "ROLLBACK").execute() }
            throw error
        }
    }

    /// Runs `body` in a savepoint of the open transaction; if it throws, undoes what it did and
    /// rethrows. When SQLite has rolled back the whole transaction meanwhile (it does on some
    /// errors, such as a full disk), nothing is left to undo and `isInsideTransaction` is false.
    func inCachedSavepoint<T>(_ body: () throws -> T) throws -> T {
        try cachedStatement(sql: "SAVEPOINT write").execute()
        do {
            let value = try body()
            try cachedStatement(sql: "RELEASE write").execute()
            return value
        } catch {
            if isInsideTransaction {
                try? cachedStatement(sql: "ROLLBACK TO write").execute()
                try? cachedStatement(sql: "RELEASE write").execute()
            }
            throw error
        }
    }
}
