import Foundation

/// Server-wide secrets shared by every process on one database (the key that seals page tokens, …).
public protocol SecretStore: Sendable {
    /// The secret stored under `name`; when there is none, stores `candidate` and returns it.
    /// Concurrent callers, in any process, all get the same value.
    func secret(named name: String, orInsert candidate: Data) async throws -> Data
}
