import Foundation

/// Which single-use sign-in sessions have been used, shared by every process on one database: a
/// session answered once is refused the second time, whichever process sees it. (Other single-use
/// marks that expire share it, such as the codes counted for users that do not exist.)
public protocol SessionUseStore: Sendable {
    /// Records the use of the session `id`, kept until `expiry` (after which the session is refused
    /// anyway): a use that expired before `now` no longer counts, and the id is used anew. Of
    /// concurrent calls for one id, in any processes, exactly one returns `true`.
    /// - Returns: `false` when the session was used before and its use has not expired.
    func useSession(id: String, expiry: Date, now: Date) async throws -> Bool
    /// Whether the session `id` was used (and its use not yet forgotten).
    func isSessionUsed(id: String) async throws -> Bool
    /// Forgets the uses of sessions that expired before `date`.
    /// - Returns: how many were forgotten.
    func deleteSessionUses(expiredBefore date: Date) async throws -> Int
}
