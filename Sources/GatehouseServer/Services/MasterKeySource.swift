import Foundation
import GatehouseCore

/// Where the master key comes from (README, Keys): the file `--master-key-file` names, the key in
/// `GATEHOUSE_MASTER_KEY`, or else the data directory's `master.key`, which the first start of a
/// database that names no key yet makes (0600, in a 0700 directory). A database that names a key
/// already is never given a second one. Processes that start at once on a new data directory all
/// take the key file the first of them makes.
struct MasterKeySource: Sendable {
    let key: MasterKey
    /// The key's file; `nil` for the key in `GATEHOUSE_MASTER_KEY`.
    let file: String?
    /// Whether the key is new: its file is made by ``written()``.
    let isNew: Bool
    /// Set when an existing key file can be read by others than its owner.
    let looseFile: String?

    /// Where the key comes from, for the start line.
    var origin: String {
        guard let file else { return "GATEHOUSE_MASTER_KEY" }
        return isNew ? file + " (new)" : file
    }

    static let defaultFileName = "master.key"

    /// Why the server cannot have its master key.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Reads the key the configuration names, or the data directory's, or makes a new one there
    /// (its file written by ``written()``).
    /// - Throws: ``Failure`` for a file that cannot be read or holds no key.
    static func resolve(_ configuration: GatehouseConfiguration, random: RandomSource) throws -> MasterKeySource {
        if let path = configuration.masterKeyFile {
            return try existing(path)
        }
        if let text = configuration.masterKey {
            guard let key = MasterKey(fileContents: text) else {
                throw Failure(description: "GATEHOUSE_MASTER_KEY does not hold a master key (32 bytes in base64).")
            }
            return MasterKeySource(key: key, file: nil, isNew: false, looseFile: nil)
        }
        let path = configuration.dataDirectory + "/" + defaultFileName
        if FileManager.default.fileExists(atPath: path) {
            return try existing(path)
        }
        return MasterKeySource(key: .generate(random: random), file: path, isNew: true, looseFile: nil)
    }

    /// This source with its key's file in place: a new key's file made, or, when another process
    /// made that file meanwhile, the key it holds.
    /// - Throws: ``Failure`` when the file cannot be made or read.
    func written() throws -> MasterKeySource {
        guard isNew, let file else { return self }
        do {
            try Self.createFile(holding: key, at: file)
            return self
        } catch is FileExists {
            return try Self.existing(file)
        }
    }

    /// Claims the database for the key (``SecretVault/claim()``). A file made for a database that
    /// names another key is removed again.
    /// - Throws: ``Failure`` when the database names another key.
    func establish(_ vault: SecretVault) async throws {
        let newFile = isNew ? file : nil
        do {
            try await vault.claim()
        } catch let wrong as SecretVault.WrongKey {
            guard let newFile else {
                throw Failure(description: "The database's secrets are wrapped by master key \(wrong.databaseKeyID), not by the "
                    + "key in \(origin) (\(key.id)): name that key's file with --master-key-file.")
            }
            try? FileManager.default.removeItem(atPath: newFile)
            throw Failure(description: "The database's secrets are wrapped by master key \(wrong.databaseKeyID) and no master key "
                + "was given: name that key's file with --master-key-file (or GATEHOUSE_MASTER_KEY_FILE).")
        }
    }

    private static func existing(_ path: String) throws -> MasterKeySource {
        MasterKeySource(key: try read(path), file: path, isNew: false, looseFile: isLoose(path) ? path : nil)
    }

    private static func read(_ path: String) throws -> MasterKey {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "The master key file \(path) cannot be read.")
        }
        guard let key = MasterKey(fileContents: String(decoding: data, as: UTF8.self)) else {
            throw Failure(description: "The master key file \(path) does not hold a master key (32 bytes in base64).")
        }
        return key
    }

    /// Whether others than its owner may read (or enter) `path`.
    static func isLoose(_ path: String) -> Bool {
        let mode = (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
        return mode & 0o077 != 0
    }

    /// The key file to be made exists already.
    struct FileExists: Error, CustomStringConvertible {
        let path: String
        var description: String { "The master key file \(path) exists already." }
    }

    /// Creates `path` with the key, readable by its owner only, in a directory only its owner may
    /// enter (made when missing): written whole to a file of its own, then linked as `path`, so that
    /// no process reads it half-written; an existing file is never replaced.
    /// - Throws: ``FileExists``, or ``Failure`` when the file cannot be written.
    static func createFile(holding key: MasterKey, at path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory.isEmpty ? "." : directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let draft = "\(path).\(getpid()).\(key.id).new"
        let descriptor = open(draft, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw Failure(description: "The master key file \(path) cannot be created: \(String(cString: strerror(errno))).")
        }
        defer { unlink(draft) }
        let bytes = Array(key.fileContents.utf8)
        let written = write(descriptor, bytes, bytes.count) == bytes.count && fsync(descriptor) == 0
        let writeError = errno
        close(descriptor)
        guard written else {
            throw Failure(description: "The master key file \(path) cannot be written: \(String(cString: strerror(writeError))).")
        }
        guard link(draft, path) == 0 else {
            if errno == EEXIST { throw FileExists(path: path) }
            throw Failure(description: "The master key file \(path) cannot be created: \(String(cString: strerror(errno))).")
        }
    }
}
