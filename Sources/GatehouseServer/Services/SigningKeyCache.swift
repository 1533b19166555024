import Foundation
import GatehouseCore
import GatehouseStorage
import Synchronization

/// Each pool's token signing keys, made when first needed and then stored with the pool (a record
/// of kind ``UserPoolItemKind/signingKeys``, sealed): the first process to store them wins and every
/// other one reads and uses those, so all processes on a database sign with the same keys, before
/// and after restarts. Every call reads the stored record (on PostgreSQL from the store's cache,
/// checked against the change count) and uses the keys opened from it while its bytes are those
/// they were opened from, at most `capacity` pools' worth: a rotation
/// (``rotateAll(storage:seal:now:random:)``, by another process) is what every process signs with
/// and publishes from the next call on. Calls that need a pool's keys while they are being opened
/// or made wait for that one load: 32 first sign-ins at once each made two RSA keys (64 key
/// generations, 0.75 s of CPU, with every other request on those event loops waiting) where one
/// pair was kept.
final class SigningKeyCache: Sendable {
    private struct Entry {
        let keys: PoolSigningKeys
        /// The stored document the keys were opened from.
        let document: Data
    }

    /// A load of a pool's keys from the stored document it opens (`nil`: none was stored).
    private struct Loading {
        let document: Data?
        let task: Task<Entry, any Error>
    }

    private struct State {
        var keys: [String: Entry] = [:]
        var loading: [String: Loading] = [:]
    }

    private enum Lookup {
        case cached(PoolSigningKeys)
        case loading(Task<Entry, any Error>)
    }

    private let state = Mutex(State())
    private let capacity: Int

    init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// The keys of the pool `userPoolID`, which exists, as stored now.
    /// - Parameter seal: the server-wide key that seals stored keys.
    func keys(for userPoolID: String, storage: any Storage, seal: SealingKey, clock: Clock,
              random: RandomSource) async throws -> PoolSigningKeys {
        let stored = try await storage.userPoolItem(userPoolID: userPoolID, kind: .signingKeys, key: Self.recordKey)
        let lookup = state.withLock { state -> Lookup in
            if let cached = state.keys[userPoolID], cached.document == stored?.document {
                return .cached(cached.keys)
            }
            if let loading = state.loading[userPoolID], loading.document == stored?.document { return .loading(loading.task) }
            let loading = Task { try await Self.load(userPoolID, stored: stored, storage: storage, seal: seal, clock: clock, random: random) }
            state.loading[userPoolID] = Loading(document: stored?.document, task: loading)
            return .loading(loading)
        }
        let loading: Task<Entry, any Error>
        switch lookup {
        case .cached(let keys): return keys
        case .loading(let task): loading = task
        }
        let result = await loading.result
        state.withLock { state in
            // The first waiter to resume keeps the keys, unless a load of a newer document took its
            // place; a failed load is tried again by the next call.
            guard state.loading[userPoolID]?.task == loading else { return }
            state.loading[userPoolID] = nil
            guard case .success(let entry) = result else { return }
            if state.keys.count >= capacity, state.keys[userPoolID] == nil, let any = state.keys.keys.first { state.keys[any] = nil }
            state.keys[userPoolID] = entry
        }
        return try result.get().keys
    }

    /// The keys opened from `stored`, the pool's record read just before; without one, new keys
    /// stored now (or, when another process stored keys first, those).
    private static func load(_ userPoolID: String, stored: UserPoolItemRecord?, storage: any Storage, seal: SealingKey, clock: Clock,
                             random: RandomSource) async throws -> Entry {
        if let stored {
            return Entry(keys: try PoolSigningKeys(opening: stored.document, for: userPoolID, with: seal), document: stored.document)
        }
        let made = PoolSigningKeys.generate()
        let now = clock.now()
        let document = made.sealed(for: userPoolID, with: seal, random: random)
        do {
            try await storage.insertUserPoolItem(UserPoolItemRecord(
                userPoolID: userPoolID, kind: .signingKeys, key: recordKey, name: recordKey, creationDate: now,
                lastModifiedDate: now, document: document))
            return Entry(keys: made, document: document)
        } catch StorageError.duplicate {
            // Another process stored keys first: use those.
            let theirs = try await storage.userPoolItem(userPoolID: userPoolID, kind: .signingKeys, key: recordKey)
            return try await load(userPoolID, stored: theirs, storage: storage, seal: seal, clock: clock, random: random)
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
