import Foundation
import GatehouseCore
import Logging

/// What `gatehouse keys rotate` does to the master key: a new key wraps every server secret in one
/// step of the database, then replaces the key file, the old key kept beside it as
/// `<file>.<old id>` for restoring backups made before. The order keeps a way back at each step:
/// the new key is written to `<file>.next` before the database changes, and the old file is
/// renamed only after.
/// - Returns: the old key's id and the new one's.
/// - Throws: ``MasterKeySource/Failure`` without a key file to rotate, or with a `.next` file left
///   by an interrupted rotation; ``SecretVault/WrongKey``; the store's errors.
public func rotateMasterKey(configuration: GatehouseConfiguration, logger: Logger) async throws -> (old: String, new: String) {
    let current = try MasterKeySource.resolve(configuration, random: .system)
    guard let file = current.file, !current.isNew else {
        throw MasterKeySource.Failure(description: current.isNew
            ? "There is no master key to rotate: \(current.file ?? "") does not exist (the server makes it on its first start)."
            : "The master key comes from GATEHOUSE_MASTER_KEY: name its file with --master-key-file, where the new key is written.")
    }
    let next = MasterKey.generate(random: .system)
    let nextFile = file + ".next"
    try MasterKeySource.createFile(holding: next, at: nextFile)
    try await withCommandStore(configuration, logger: logger) { storage in
        try await SecretVault(storage: storage, masterKey: current.key, random: .system).rewrap(by: next)
    }
    try FileManager.default.moveItem(atPath: file, toPath: file + "." + current.key.id)
    try FileManager.default.moveItem(atPath: nextFile, toPath: file)
    return (current.key.id, next.id)
}
