import Foundation
import Synchronization

/// A server-wide 32-byte key, read from the database once, unwrapped by the master key (the first
/// process to need it creates it, ``SecretVault``), and kept as the `Value` made from it: every
/// process sharing the database uses the same key.
final class ServerKey<Value: Sendable>: Sendable {
    private let name: String
    private let vault: SecretVault
    private let make: @Sendable (Data) -> Value
    private let cache = Mutex<Value?>(nil)

    init(named name: String, vault: SecretVault, _ make: @escaping @Sendable (Data) -> Value) {
        self.name = name
        self.vault = vault
        self.make = make
    }

    func value() async throws -> Value {
        if let value = cache.withLock({ $0 }) { return value }
        let value = make(try await vault.secret(named: name))
        cache.withLock { $0 = value }
        return value
    }
}
