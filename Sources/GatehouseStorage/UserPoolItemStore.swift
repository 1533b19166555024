/// Records that belong to a user pool, of several kinds (``UserPoolItemKind``): app clients,
/// groups. A record is keyed by its pool, kind and key, and is deleted with its pool.
public protocol UserPoolItemStore: Sendable {
    /// Stores a new record of an existing pool. A pool deleted concurrently either takes the record
    /// with it or makes this call fail.
    /// - Throws: ``StorageError/notFound`` when the pool does not exist;
    ///   ``StorageError/duplicate`` when the pool has a record of the same kind and key, and for the
    ///   kinds of ``UserPoolItemKind/domains`` also when any pool has a record of one of those kinds
    ///   with the same key, or this pool has one of the same kind.
    func insertUserPoolItem(_ item: UserPoolItemRecord) async throws

    /// The record of this kind and key in this pool, or `nil`.
    func userPoolItem(userPoolID: String, kind: UserPoolItemKind, key: String) async throws -> UserPoolItemRecord?

    /// The record of this kind and key in whichever pool has it, for kinds whose keys are unique
    /// across pools (app client ids); `nil` when none has. When several pools have one, any of them.
    func userPoolItem(kind: UserPoolItemKind, key: String) async throws -> UserPoolItemRecord?

    /// One page of every pool's record of this kind and key (a server-wide task's view: each pool's
    /// signing keys), in pool id order; `after` is the last page's last pool id.
    func userPoolItems(kind: UserPoolItemKind, key: String, afterUserPool after: String?, limit: Int) async throws -> Page<UserPoolItemRecord>

    /// Changes a record atomically, as ``UserPoolStore/updateUserPool(id:_:)`` changes a pool:
    /// `change` may run more than once and must not have side effects; an error it throws aborts
    /// with nothing written and is rethrown. `userPoolID`, `kind`, `key` and `creationDate` cannot
    /// change; `name`, `lastModifiedDate` and `document` are written as `change` leaves them.
    /// - Returns: the record as written.
    /// - Throws: ``StorageError/notFound`` when the record does not exist.
    func updateUserPoolItem(userPoolID: String, kind: UserPoolItemKind, key: String,
                            _ change: @escaping @Sendable (inout UserPoolItemRecord) throws -> Void) async throws -> UserPoolItemRecord

    /// Deletes a record.
    /// - Throws: ``StorageError/notFound`` when the record does not exist.
    func deleteUserPoolItem(userPoolID: String, kind: UserPoolItemKind, key: String) async throws

    /// The pool's records of one kind in ascending key order (compared byte for byte), starting
    /// after the record whose key is `after`. A pool that does not exist has none.
    /// - Parameter limit: at least 1.
    /// - Returns: at most `limit` records; `nextCursor` is set when more follow.
    func userPoolItems(userPoolID: String, kind: UserPoolItemKind, after: String?, limit: Int) async throws -> Page<UserPoolItemRecord>
}

extension UserPoolItemStore {
    /// The record of this kind keyed by the app client `clientID`, else the pool's own (keyed
    /// `poolKey`): a setting an app client may have in place of its pool's (UI customization, risk
    /// configuration). `nil` when neither has one.
    public func userPoolItem(userPoolID: String, kind: UserPoolItemKind, clientID: String?,
                             elsePool poolKey: String) async throws -> UserPoolItemRecord? {
        if let clientID, let own = try await userPoolItem(userPoolID: userPoolID, kind: kind, key: clientID) { return own }
        return try await userPoolItem(userPoolID: userPoolID, kind: kind, key: poolKey)
    }
}
