import Foundation

/// Server-wide secrets shared by every process on one database (the key that seals page tokens, …).
public protocol SecretStore: Sendable {
    /// The secret stored under `name`; when there is none, stores `candidate` and returns it.
    /// Concurrent callers, in any process, all get the same value.
    func secret(named name: String, orInsert candidate: Data) async throws -> Data

    /// Changes stored secrets in one step that no other write of secrets, in any process,
    /// interleaves with: `change` gets every stored secret by name and returns the ones to write
    /// (new or replaced, by name); nothing is written when it throws, and the error is rethrown.
    func updateSecrets(_ change: @escaping @Sendable ([String: Data]) throws -> [String: Data]) async throws
}
