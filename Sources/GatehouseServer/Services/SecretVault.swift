import Foundation
import GatehouseCore
import GatehouseStorage
import Synchronization

/// The server's secrets (``ServerKey``s), stored wrapped by the master key, which the database
/// never holds. The database names the one key its secrets are wrapped by (the secret
/// ``markerName``, the key's id), claimed by the first process to use it, so that processes
/// sharing it cannot wrap with different keys.
final class SecretVault: Sendable {
    static let markerName = "master-key-id"

    let masterKey: MasterKey
    private let storage: any Storage
    private let random: RandomSource
    private let claimed = Mutex(false)

    init(storage: any Storage, masterKey: MasterKey, random: RandomSource) {
        self.storage = storage
        self.masterKey = masterKey
        self.random = random
    }

    /// Whose secrets the database holds: ``claim()`` found them wrapped by another key.
    struct WrongKey: Error, Equatable {
        /// The id of the key the database names.
        let databaseKeyID: String
    }

    /// Checks, without changing anything, that the database names this vault's key.
    /// - Throws: ``WrongKey`` when it names another, or none (`databaseKeyID` empty).
    func checkNamesThisKey() async throws {
        let id = masterKey.id
        try await storage.updateSecrets { stored in
            try Self.checkNames(id, in: stored)
            return [:]
        }
    }

    /// Checks that the database's secrets are this key's: claims a database that names no key
    /// yet, then wraps the secrets a version before master keys stored in the clear. Runs once
    /// per process; running it again does nothing.
    /// - Throws: ``WrongKey`` when the database names another key.
    func claim() async throws {
        if claimed.withLock({ $0 }) { return }
        let named = try await storage.secret(named: Self.markerName, orInsert: Data(masterKey.id.utf8))
        guard named == Data(masterKey.id.utf8) else { throw WrongKey(databaseKeyID: String(decoding: named, as: UTF8.self)) }
        let (masterKey, random) = (masterKey, random)
        try await storage.updateSecrets { stored in
            var wrapped: [String: Data] = [:]
            for (name, value) in stored where name != Self.markerName && MasterKey.keyID(ofWrapped: value) == nil {
                wrapped[name] = masterKey.wrap(value, named: name, random: random)
            }
            return wrapped
        }
        claimed.withLock { $0 = true }
    }

    /// Wraps every secret by `next` instead, and names `next` as the database's key, in one step:
    /// the secrets keep their values, so running servers go on with the ones they hold.
    /// - Throws: ``WrongKey`` when the database names another key than this vault's, or none
    ///   (`databaseKeyID` empty); `StorageError.engine` for a secret that does not open.
    func rewrap(by next: MasterKey) async throws {
        let (current, random) = (masterKey, random)
        try await storage.updateSecrets { stored in
            try Self.checkNames(current.id, in: stored)
            var rewrapped = [Self.markerName: Data(next.id.utf8)]
            for (name, value) in stored where name != Self.markerName {
                rewrapped[name] = next.wrap(try Self.unwrap(value, named: name, by: current), named: name, random: random)
            }
            return rewrapped
        }
    }

    /// The secret named `name`: 32 random bytes, made by the first process to ask, in a step that
    /// checks the database still names this key (a rotation by another process may have replaced it).
    /// - Throws: ``WrongKey``; `StorageError.engine` for a stored secret that does not open.
    func secret(named name: String) async throws -> Data {
        try await claim()
        let (masterKey, random) = (masterKey, random)
        let found = Mutex<Data?>(nil)
        try await storage.updateSecrets { stored in
            try Self.checkNames(masterKey.id, in: stored)
            if let existing = stored[name] {
                found.withLock { $0 = existing }
                return [:]
            }
            let made = masterKey.wrap(Data(random.bytes(32)), named: name, random: random)
            found.withLock { $0 = made }
            return [name: made]
        }
        return try Self.unwrap(found.withLock { $0 } ?? Data(), named: name, by: masterKey)
    }

    /// Checks that `stored` (every secret) names the key `id`.
    /// - Throws: ``WrongKey`` when it names another, or none (`databaseKeyID` empty).
    private static func checkNames(_ id: String, in stored: [String: Data]) throws(WrongKey) {
        let named = String(decoding: stored[markerName] ?? Data(), as: UTF8.self)
        guard named == id else { throw WrongKey(databaseKeyID: named) }
    }

    /// The secret `stored` under `name`, wrapped by `key`.
    /// - Throws: `StorageError.engine` when it does not open.
    private static func unwrap(_ stored: Data, named name: String, by key: MasterKey) throws -> Data {
        do {
            return try key.unwrap(stored, named: name)
        } catch {
            throw StorageError.engine("the server secret \(name) does not open with master key \(key.id): \(error)")
        }
    }
}
