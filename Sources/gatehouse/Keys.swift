import ArgumentParser
import Foundation
import GatehouseServer
import Logging

/// `gatehouse keys`: the keys that protect the server's secrets.
struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage the keys that protect the server's secrets.",
                                                    subcommands: [Rotate.self])

    /// `gatehouse keys rotate`: a new master key and new signing keys (``rotateKeys(configuration:logger:)``).
    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Wrap the server's secrets by a new master key (the old one kept as <file>.<old id>) and give every pool new signing keys (the old ones valid for a day more).")

        @OptionGroup var store: StoreOptions
        @OptionGroup var masterKey: MasterKeyOption

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            var configuration = GatehouseConfiguration()
            store.apply(to: &configuration, environment: environment)
            masterKey.apply(to: &configuration, environment: environment)
            var logger = Logger(label: "gatehouse")
            logger.logLevel = .warning
            umask(0o077)
            let (old, new, pools) = try await rotateKeys(configuration: configuration, logger: logger)
            print("master key \(old) replaced by \(new): running servers go on; each needs the new key file when it next starts")
            print("signing keys of \(pools) user pools replaced: the old ones stay in the JWKS and verify their tokens for a day more")
        }
    }
}
