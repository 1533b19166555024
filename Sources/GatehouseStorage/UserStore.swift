/// The users of user pools. A user belongs to one pool and is deleted with it. Every lookup and
/// filter reads an index; ``userCount(userPoolID:)`` reads a count kept with every insert and delete.
public protocol UserStore: Sendable {
    /// Stores a new user of an existing pool, with its searchable values and claims, atomically.
    /// - Throws: ``StorageError/notFound`` when the pool does not exist; ``StorageError/duplicate``
    ///   when the pool has a user with the same key or sub; ``StorageError/conflict(name:)`` when
    ///   another user holds one of its claims (nothing is written).
    func insertUser(_ user: UserRecord) async throws

    /// The user with this key in this pool, or `nil`.
    func user(userPoolID: String, key: String) async throws -> UserRecord?

    /// The user with this sub in this pool, or `nil`.
    func user(userPoolID: String, sub: String) async throws -> UserRecord?

    /// The user holding this claim in this pool, or `nil`.
    func user(userPoolID: String, claim: UserValue) async throws -> UserRecord?

    /// Changes a user atomically, as ``UserPoolStore/updateUserPool(id:_:)`` changes a pool:
    /// `change` may run more than once and must not have side effects; an error it throws aborts
    /// with nothing written and is rethrown. `userPoolID`, `key`, `sub` and `creationDate` cannot
    /// change; the rest (document, searchable values, claims) is written as `change` leaves it.
    /// `change` sees the user as no concurrent update can change it until this one ends, even when
    /// it changes nothing (and then nothing is written): a decision it makes holds across processes.
    /// - Returns: the user as written.
    /// - Throws: ``StorageError/notFound`` when the user does not exist;
    ///   ``StorageError/conflict(name:)`` when another user holds one of the new claims (nothing is written).
    func updateUser(userPoolID: String, key: String,
                    _ change: @escaping @Sendable (inout UserRecord) throws -> Void) async throws -> UserRecord

    /// Deletes a user with its searchable values and claims.
    /// - Throws: ``StorageError/notFound`` when the user does not exist.
    func deleteUser(userPoolID: String, key: String) async throws

    /// The pool's users in ascending key order (byte order), those matching `filter` only when one
    /// is given, starting after the user whose key is `after`. A pool that does not exist has none.
    /// - Parameter limit: at least 1.
    /// - Returns: at most `limit` users; `nextCursor` is set when more follow.
    func users(userPoolID: String, filter: UserFilter?, after: String?, limit: Int) async throws -> Page<UserRecord>

    /// How many users the pool has, exact after this store's own inserts and deletes; a store that
    /// processes share may count other processes' up to a second late (DescribeUserPool's
    /// EstimatedNumberOfUsers, an estimate in Cognito too).
    func userCount(userPoolID: String) async throws -> Int
}
