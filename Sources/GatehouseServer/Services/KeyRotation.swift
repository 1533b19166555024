import Foundation
import GatehouseCore
import Logging

/// What `gatehouse keys rotate` does: a new master key wraps every server secret in one step of
/// the database, then replaces the key file, the old key kept beside it as `<file>.<old id>` for
/// restoring backups made before (the new key is written to `<file>.next` before the database
/// changes, and the old file renamed only after, so each step has a way back); then every pool's
/// signing keys are replaced, the old ones published and accepted for a day more
/// (``SigningKeyCache/rotateAll(storage:seal:now:random:)``).
/// - Returns: the old master key's id, the new one's, and how many pools' signing keys were rotated.
/// - Throws: ``MasterKeySource/Failure`` without a key file to rotate, or with a `.next` file left
///   by an interrupted rotation; ``SecretVault/WrongKey``; the store's errors.
public func rotateKeys(configuration: GatehouseConfiguration, logger: Logger) async throws -> (old: String, new: String, pools: Int) {
    let current = try MasterKeySource.resolve(configuration, random: .system)
    guard let file = current.file, !current.isNew else {
        throw MasterKeySource.Failure(description: current.isNew
            ? "There is no master key to rotate: \(current.file ?? "") does not exist (the server makes it on its first start)."
            : "The master key comes from GATEHOUSE_MASTER_KEY: name its file with --master-key-file, where the new key is written.")
    }
    let next = MasterKey.generate(random: .system)
    let nextFile = file + ".next"
    try MasterKeySource.createFile(holding: next, at: nextFile)
    let pools = try await withCommandStore(configuration, logger: logger) { storage in
        try await SecretVault(storage: storage, masterKey: current.key, random: .system).rewrap(by: next)
        try FileManager.default.moveItem(atPath: file, toPath: file + "." + current.key.id)
        try FileManager.default.moveItem(atPath: nextFile, toPath: file)
        let seal = try await SecretVault(storage: storage, masterKey: next, random: .system).secret(named: SigningKeyCache.sealName)
        return try await SigningKeyCache.rotateAll(storage: storage, seal: SealingKey(key: seal), now: Date(), random: .system)
    }
    return (current.key.id, next.id, pools)
}
