/// User pools. Every other record is keyed by a pool, so deleting a pool is the end of its data.
public protocol UserPoolStore: Sendable {
    /// Stores a new pool.
    /// - Throws: ``StorageError/duplicate`` when a pool with the same id exists.
    func insertUserPool(_ pool: UserPoolRecord) async throws

    /// The pool with this id, or `nil`.
    func userPool(id: String) async throws -> UserPoolRecord?

    /// Changes a pool atomically: reads it, lets `change` modify it, and writes it back with no other
    /// write of the pool in between (an engine may hold the pool meanwhile, or read it again and
    /// call `change` again, so `change` may run more than once and must not have side effects). An
    /// error thrown by `change` aborts the update with nothing written and is rethrown. `id`,
    /// `region` and `creationDate` cannot change; the other fields are written as `change` leaves them.
    /// - Returns: the pool as written.
    /// - Throws: ``StorageError/notFound`` when the pool does not exist.
    func updateUserPool(id: String, _ change: @escaping @Sendable (inout UserPoolRecord) throws -> Void) async throws -> UserPoolRecord

    /// Deletes a pool after `check` accepts it, atomically: a concurrent update cannot slip between
    /// the check and the delete. An error thrown by `check` aborts and is rethrown.
    /// - Throws: ``StorageError/notFound`` when the pool does not exist.
    func deleteUserPool(id: String, check: @escaping @Sendable (UserPoolRecord) throws -> Void) async throws

    /// Deletes every pool, with all that belongs to it (its records, users, and the outbox), in one
    /// transaction: a reader sees all of them or none. The server's secrets and the used sign-in
    /// session ids stay.
    /// - Returns: how many pools there were.
    func deleteAllUserPools() async throws -> Int

    /// The pools of one region in ascending id order, starting after the pool whose id is `after`.
    /// A store may rely on every id beginning with its region and `_` (``UserPoolRecord/id``).
    /// - Parameter limit: at least 1.
    /// - Returns: at most `limit` pools, as ``UserPoolRecord/listed``; `nextCursor` is set when more follow.
    func userPools(region: String, after: String?, limit: Int) async throws -> Page<UserPoolSummary>
}
