import Foundation

/// Users' authentication events (``AuthEventRecord``), each keyed by its pool, its user's key and
/// its event id, and deleted with its user and with its pool.
public protocol AuthEventStore: Sendable {
    /// Stores a new event of an existing user. A user deleted concurrently either takes the event
    /// with it or makes this call fail.
    /// - Throws: ``StorageError/notFound`` when the user does not exist; ``StorageError/duplicate``
    ///   when the user has an event with the same id.
    func insertAuthEvent(_ event: AuthEventRecord) async throws

    /// Changes an event atomically: `change` may run more than once and must not have side
    /// effects; an error it throws aborts with nothing written and is rethrown. Only `isBaseline`
    /// and `document` can change.
    /// - Returns: the event as written.
    /// - Throws: ``StorageError/notFound`` when the event does not exist.
    func updateAuthEvent(userPoolID: String, userKey: String, eventID: String,
                         _ change: @escaping @Sendable (inout AuthEventRecord) throws -> Void) async throws -> AuthEventRecord

    /// The user's events (only its baseline ones when `baselineOnly`) newest first (by creation
    /// date, then by event id, descending), starting after the event at `before`. A user that does
    /// not exist has none.
    /// - Parameter limit: at least 1.
    /// - Returns: at most `limit` events.
    func authEvents(userPoolID: String, userKey: String, baselineOnly: Bool, before: AuthEventRecord.Position?,
                    limit: Int) async throws -> [AuthEventRecord]

    /// Deletes the events of every pool created before `date`, through an index on the date.
    /// - Returns: how many were deleted.
    func deleteAuthEvents(createdBefore date: Date) async throws -> Int
}
