import Foundation
import GatehouseCore
import GatehouseStorage
import Synchronization

/// Each pool's token signing keys, made when first needed and then stored with the pool (a record
/// of kind ``UserPoolItemKind/signingKeys``, sealed): the first process to store them wins and every
/// other one reads and uses those, so all processes on a database sign with the same keys, before
/// and after restarts. Opened keys are kept in memory, at most `capacity` pools' worth, and read
/// again after ``refreshAfter`` or when asked for a key they lack, so that a rotation
/// (``rotateAll(storage:seal:now:random:)``, by another process) reaches every process. Calls that
/// need a pool's keys while they are being read or made wait for that one load: 32 first sign-ins
/// at once each made two RSA keys (64 key generations, 0.75 s of CPU, with every other request on
/// those event loops waiting) where one pair was kept.
final class SigningKeyCache: Sendable {
    private struct Entry {
        let keys: PoolSigningKeys
        let loaded: Date
    }

    private struct State {
        var keys: [String: Entry] = [:]
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

    /// How long opened keys are used before they are read again.
    static let refreshAfter: TimeInterval = 60
    /// How soon a key the keys lack reads them again: a made-up `kid` costs a read at most this often.
    static let shortestRefresh: TimeInterval = 5

    /// The keys of the pool `userPoolID`, which exists.
    /// - Parameters:
    ///   - seal: the server-wide key that seals stored keys.
    ///   - keyID: a key the caller needs (a token's `kid`): keys kept without it are read again.
    func keys(for userPoolID: String, storage: any Storage, seal: SealingKey, clock: Clock, random: RandomSource,
              having keyID: String? = nil) async throws -> PoolSigningKeys {
        let now = clock.now()
        let lookup = state.withLock { state -> Lookup in
            if let cached = state.keys[userPoolID], now.timeIntervalSince(cached.loaded) < Self.refreshAfter,
               keyID.map(cached.keys.hasKey(withID:)) ?? true || now.timeIntervalSince(cached.loaded) < Self.shortestRefresh {
                return .cached(cached.keys)
            }
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
            if state.keys.count >= capacity, state.keys[userPoolID] == nil, let any = state.keys.keys.first { state.keys[any] = nil }
            state.keys[userPoolID] = Entry(keys: keys, loaded: now)
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
    /// The server secret that seals stored keys.
    static let sealName = "signing-key-seal"

    /// Gives every pool that has signing keys new ones, the current pair retired for a day
    /// (``PoolSigningKeys/rotated(now:)``).
    /// - Returns: how many pools' keys were rotated.
    static func rotateAll(storage: any Storage, seal: SealingKey, now: Date, random: RandomSource) async throws -> Int {
        var rotated = 0
        var after: String?
        repeat {
            let page = try await storage.userPoolItems(kind: .signingKeys, key: recordKey, afterUserPool: after, limit: 100)
            for item in page.items {
                let userPoolID = item.userPoolID
                _ = try await storage.updateUserPoolItem(userPoolID: userPoolID, kind: .signingKeys, key: recordKey) { record in
                    let keys = try PoolSigningKeys(opening: record.document, for: userPoolID, with: seal)
                    record.document = keys.rotated(now: now).sealed(for: userPoolID, with: seal, random: random)
                    record.lastModifiedDate = now
                }
                rotated += 1
            }
            after = page.nextCursor
        } while after != nil
        return rotated
    }
}
