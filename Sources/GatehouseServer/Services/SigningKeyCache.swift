import Foundation
import GatehouseCore
import GatehouseStorage
import Synchronization

/// Each pool's token signing keys, made when first needed and then stored with the pool (a record
/// of kind ``UserPoolItemKind/signingKeys``, sealed): the first process to store them wins and every
/// other one reads and uses those, so all processes on a database sign with the same keys, before
/// and after restarts. Opened keys are kept in memory, at most `capacity` pools' worth. Calls that
/// need a pool's keys while they are being read or made wait for that one load: 32 first sign-ins
/// at once each made two RSA keys (64 key generations, 0.75 s of CPU, with every other request on
/// those event loops waiting) where one pair was kept.
final class SigningKeyCache: Sendable {
    private struct State {
        var keys: [String: PoolSigningKeys] = [:]
        var loading: [String: Task<PoolSigningKeys, any Error>] = [:]
    }

    private enum Lookup {
        case cached(PoolSigningKeys)
        case loading(Task<PoolSigningKeys, any Error>)
    }

    private let state = Mutex(State())
    private let capacity: Int

    init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// The keys of the pool `userPoolID`, which exists.
    /// - Parameter seal: the server-wide key that seals stored keys.
    func keys(for userPoolID: String, storage: any Storage, seal: SealingKey, clock: Clock, random: RandomSource) async throws -> PoolSigningKeys {
        let lookup = state.withLock { state -> Lookup in
            if let cached = state.keys[userPoolID] { return .cached(cached) }
            if let loading = state.loading[userPoolID] { return .loading(loading) }
            let loading = Task { try await Self.load(userPoolID, storage: storage, seal: seal, clock: clock, random: random) }
            state.loading[userPoolID] = loading
            return .loading(loading)
        }
        let loading: Task<PoolSigningKeys, any Error>
        switch lookup {
        case .cached(let keys): return keys
        case .loading(let task): loading = task
        }
        let result = await loading.result
        state.withLock { state in
            // The first waiter to resume keeps the keys; a failed load is tried again by the next call.
            guard state.loading.removeValue(forKey: userPoolID) != nil, case .success(let keys) = result else { return }
            if state.keys.count >= capacity, let any = state.keys.keys.first { state.keys[any] = nil }
            state.keys[userPoolID] = keys
        }
        return try result.get()
    }

    /// The stored keys of the pool, or new ones stored now.
    private static func load(_ userPoolID: String, storage: any Storage, seal: SealingKey, clock: Clock,
                             random: RandomSource) async throws -> PoolSigningKeys {
        if let record = try await storage.userPoolItem(userPoolID: userPoolID, kind: .signingKeys, key: recordKey) {
            return try PoolSigningKeys(opening: record.document, for: userPoolID, with: seal)
        }
        let made = PoolSigningKeys.generate()
        let now = clock.now()
        do {
            try await storage.insertUserPoolItem(UserPoolItemRecord(
                userPoolID: userPoolID, kind: .signingKeys, key: recordKey, name: recordKey, creationDate: now,
                lastModifiedDate: now, document: made.sealed(for: userPoolID, with: seal, random: random)))
            return made
        } catch StorageError.duplicate {
            // Another process stored keys first: use those.
            return try await load(userPoolID, storage: storage, seal: seal, clock: clock, random: random)
        }
    }

    static let recordKey = "current"
}
