import Foundation

/// Which single-use sign-in sessions have been used, shared by every process on one database: a
/// session answered once is refused the second time, whichever process sees it.
public protocol SessionUseStore: Sendable {
    /// Records the use of the session `id`, kept until `expiry` (after which the session is refused
    /// anyway). Of concurrent calls for one id, in any processes, exactly one returns `true`.
    /// - Returns: `false` when the session was used before.
    func useSession(id: String, expiry: Date) async throws -> Bool
    /// Whether the session `id` was used (and its use not yet forgotten).
    func isSessionUsed(id: String) async throws -> Bool
    /// Forgets the uses of sessions that expired before `date`.
    /// - Returns: how many were forgotten.
    func deleteSessionUses(expiredBefore date: Date) async throws -> Int
}
