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
/// - Throws: ``MasterKeySource/Failure`` without a key file to rotate, for a database that names
///   another key or none, or with a `.next` file left by an interrupted rotation; the store's errors.
public func rotateKeys(configuration: GatehouseConfiguration, logger: Logger) async throws -> (old: String, new: String, pools: Int) {
    let current = try MasterKeySource.resolve(configuration, random: .system)
    guard let file = current.file, !current.isNew else {
        throw MasterKeySource.Failure(description: current.isNew
            ? "There is no master key to rotate: \(current.file ?? "") does not exist (the server makes it on its first start)."
            : "The master key comes from GATEHOUSE_MASTER_KEY: name its file with --master-key-file, where the new key is written.")
    }
    let next = MasterKey.generate(random: .system)
    let nextFile = file + ".next"
    let pools = try await withCommandStore(configuration, logger: logger) { storage in
        let vault = SecretVault(storage: storage, masterKey: current.key, random: .system)
        let left = FileManager.default.contents(atPath: nextFile).map { MasterKey(fileContents: String(decoding: $0, as: UTF8.self))?.id ?? "unreadable" }
        do {
            try await vault.checkNamesThisKey()
        } catch let wrong as SecretVault.WrongKey {
            if let left, left == wrong.databaseKeyID {
                throw MasterKeySource.Failure(description: "A rotation was interrupted after the database changed: it names master key "
                    + "\(left), the one in \(nextFile). Move \(file) to \(file).\(current.key.id) and \(nextFile) to \(file).")
            }
            throw MasterKeySource.Failure(description: wrong.databaseKeyID.isEmpty
                ? "The database names no master key yet: start the server on it once, then rotate."
                : "The database's secrets are wrapped by master key \(wrong.databaseKeyID), not by the key in \(file) (\(current.key.id)).")
        }
        if let id = left {
            throw MasterKeySource.Failure(description: "\(nextFile) exists (key \(id)): a rotation was interrupted. The database names "
                + "\(current.key.id), the key in \(file), so the .next file was never used: remove it and rotate again.")
        }
        try MasterKeySource.createFile(holding: next, at: nextFile)
        try await vault.rewrap(by: next)
        try FileManager.default.moveItem(atPath: file, toPath: file + "." + current.key.id)
        try FileManager.default.moveItem(atPath: nextFile, toPath: file)
        let seal = try await SecretVault(storage: storage, masterKey: next, random: .system).secret(named: SigningKeyCache.sealName)
        return try await SigningKeyCache.rotateAll(storage: storage, seal: SealingKey(key: seal), now: Date(), random: .system)
    }
    return (current.key.id, next.id, pools)
}
