import Foundation
import GatehouseCore
@testable import GatehouseServer
import GatehouseStorage
import StorageSQLite
import XCTest

/// The server's secrets under the master key: a database names one key, secrets stored in the
/// clear by earlier versions are wrapped, and a key file is made only for a database that names none.
final class SecretVaultTests: XCTestCase {
    func testClaimingWrapsTheSecretsStoredInTheClear() async throws {
        let storage = try SQLiteStorage.inMemory()
        let legacy = Data(repeating: 9, count: 32)
        _ = try await storage.secret(named: "sign-in-key", orInsert: legacy)
        let key = MasterKey.generate(random: .system)
        let vault = SecretVault(storage: storage, masterKey: key, random: .system)
        let opened = try await vault.secret(named: "sign-in-key")
        XCTAssertEqual(opened, legacy, "the secret keeps its value")
        let stored = try await storage.secret(named: "sign-in-key", orInsert: Data())
        XCTAssertEqual(MasterKey.keyID(ofWrapped: stored), key.id, "and is stored wrapped")
        let made = try await vault.secret(named: "page-token-key")
        let madeStored = try await storage.secret(named: "page-token-key", orInsert: Data())
        XCTAssertEqual(try key.unwrap(madeStored, named: "page-token-key"), made)

        let other = SecretVault(storage: storage, masterKey: .generate(random: .system), random: .system)
        do {
            _ = try await other.secret(named: "sign-in-key")
            XCTFail("a second key is refused")
        } catch let wrong as SecretVault.WrongKey {
            XCTAssertEqual(wrong.databaseKeyID, key.id)
        }
    }

    func testARotationWrapsTheSameValuesAndStrandsNoProcessOnTheOldKey() async throws {
        let storage = try SQLiteStorage.inMemory()
        let old = SecretVault(storage: storage, masterKey: .generate(random: .system), random: .system)
        do {
            try await old.checkNamesThisKey()
            XCTFail("an unclaimed database names no key")
        } catch let wrong as SecretVault.WrongKey {
            XCTAssertEqual(wrong.databaseKeyID, "")
        }
        let value = try await old.secret(named: "sign-in-key")
        let next = MasterKey.generate(random: .system)
        try await old.rewrap(by: next)
        let rotated = SecretVault(storage: storage, masterKey: next, random: .system)
        let reopened = try await rotated.secret(named: "sign-in-key")
        XCTAssertEqual(reopened, value, "the secret keeps its value")
        do {
            _ = try await old.secret(named: "page-token-key")
            XCTFail("a process on the old key makes no secret the new key cannot open")
        } catch let wrong as SecretVault.WrongKey {
            XCTAssertEqual(wrong.databaseKeyID, next.id)
        }
        _ = try await rotated.secret(named: "page-token-key")
    }

    func testAKeyFileIsMadeOnlyForADatabaseThatNamesNoKey() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vault-\(UUID().uuidString)/data").path
        defer { try? FileManager.default.removeItem(atPath: (directory as NSString).deletingLastPathComponent) }
        var configuration = GatehouseConfiguration()
        configuration.dataDirectory = directory
        let storage = try SQLiteStorage.inMemory()

        let resolved = try MasterKeySource.resolve(configuration, random: .system)
        let file = directory + "/master.key"
        XCTAssertEqual(resolved.file, file)
        XCTAssertTrue(resolved.isNew)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory), "resolving writes nothing")
        let racing = try MasterKeySource.resolve(configuration, random: .system)
        let first = try resolved.written()
        XCTAssertEqual(first.key.id, resolved.key.id)
        let joined = try racing.written()
        XCTAssertEqual(joined.key.id, first.key.id, "a process that finds the file made meanwhile takes its key")
        XCTAssertFalse(joined.isNew)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), ["master.key"])
        try await first.establish(SecretVault(storage: storage, masterKey: first.key, random: .system))
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int, 0o600)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: directory)[.posixPermissions] as? Int, 0o700)
        let again = try MasterKeySource.resolve(configuration, random: .system)
        XCTAssertEqual(again.key.id, first.key.id)
        XCTAssertFalse(again.isNew)

        try FileManager.default.removeItem(atPath: file)
        let lost = try MasterKeySource.resolve(configuration, random: .system).written()
        do {
            try await lost.establish(SecretVault(storage: storage, masterKey: lost.key, random: .system))
            XCTFail("a database that names a key gets no second one")
        } catch let failure as MasterKeySource.Failure {
            XCTAssertEqual(failure.description, "The database's secrets are wrapped by master key \(first.key.id) and no master key "
                + "was given: name that key's file with --master-key-file (or GATEHOUSE_MASTER_KEY_FILE).")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: file), "the key file made for it is removed again")
    }
}
