import Foundation
import GatehouseCore
import GatehouseStorage
import Synchronization

/// Each pool's token signing keys, made when first needed and then stored with the pool (a record
/// of kind ``UserPoolItemKind/signingKeys``, sealed): the first process to store them wins and every
/// other one reads and uses those, so all processes on a database sign with the same keys, before
/// and after restarts. Opened keys are kept in memory, at most `capacity` pools' worth.
final class SigningKeyCache: Sendable {
    private let keys = Mutex<[String: PoolSigningKeys]>([:])
    private let capacity: Int

    init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// The keys of the pool `userPoolID`, which exists.
    /// - Parameter seal: the server-wide key that seals stored keys.
    func keys(for userPoolID: String, storage: any Storage, seal: SealingKey, clock: Clock, random: RandomSource) async throws -> PoolSigningKeys {
        if let cached = keys.withLock({ $0[userPoolID] }) { return cached }
        let stored: PoolSigningKeys
        if let record = try await storage.userPoolItem(userPoolID: userPoolID, kind: .signingKeys, key: Self.recordKey) {
            stored = try PoolSigningKeys(opening: record.document, for: userPoolID, with: seal)
        } else {
            let made = PoolSigningKeys.generate()
            let now = clock.now()
            do {
                try await storage.insertUserPoolItem(UserPoolItemRecord(
                    userPoolID: userPoolID, kind: .signingKeys, key: Self.recordKey, name: Self.recordKey, creationDate: now,
                    lastModifiedDate: now, document: made.sealed(for: userPoolID, with: seal, random: random)))
                stored = made
            } catch StorageError.duplicate {
                // Another call or process stored keys first: use those.
                return try await keys(for: userPoolID, storage: storage, seal: seal, clock: clock, random: random)
            }
        }
        keys.withLock { keys in
            if keys.count >= capacity, let any = keys.keys.first { keys[any] = nil }
            keys[userPoolID] = stored
        }
        return stored
    }

    static let recordKey = "current"
}
