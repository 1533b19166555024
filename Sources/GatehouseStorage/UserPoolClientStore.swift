/// The app clients of user pools. A client belongs to one pool and is deleted with it.
public protocol UserPoolClientStore: Sendable {
    /// Stores a new client of an existing pool. A pool deleted concurrently either takes the client
    /// with it or makes this call fail.
    /// - Throws: ``StorageError/notFound`` when the pool does not exist;
    ///   ``StorageError/duplicate`` when the pool has a client with the same id.
    func insertUserPoolClient(_ client: UserPoolClientRecord) async throws

    /// The client with this id in this pool, or `nil`.
    func userPoolClient(userPoolID: String, clientID: String) async throws -> UserPoolClientRecord?

    /// Changes a client atomically, as ``UserPoolStore/updateUserPool(id:_:)`` changes a pool:
    /// `change` may run more than once and must not have side effects; an error it throws aborts
    /// with nothing written and is rethrown. `userPoolID`, `clientID` and `creationDate` cannot
    /// change; `name`, `lastModifiedDate` and `document` are written as `change` leaves them.
    /// - Returns: the client as written.
    /// - Throws: ``StorageError/notFound`` when the client does not exist.
    func updateUserPoolClient(userPoolID: String, clientID: String,
                              _ change: @escaping @Sendable (inout UserPoolClientRecord) throws -> Void) async throws -> UserPoolClientRecord

    /// Deletes a client.
    /// - Throws: ``StorageError/notFound`` when the client does not exist.
    func deleteUserPoolClient(userPoolID: String, clientID: String) async throws

    /// The clients of one pool in ascending client id order, starting after the client whose id is
    /// `after`. A pool that does not exist has no clients.
    /// - Parameter limit: at least 1.
    /// - Returns: at most `limit` clients; `nextCursor` is set when more follow.
    func userPoolClients(userPoolID: String, after: String?, limit: Int) async throws -> Page<UserPoolClientSummary>
}
