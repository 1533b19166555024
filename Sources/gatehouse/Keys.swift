import ArgumentParser
import Foundation
import GatehouseServer
import Logging

/// `gatehouse keys`: the keys that protect the server's secrets.
struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage the keys that protect the server's secrets.",
                                                    subcommands: [Rotate.self])

    /// `gatehouse keys rotate`: a new master key (``rotateMasterKey(configuration:logger:)``).
    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Wrap the server's secrets by a new master key and replace the key file; the old key is kept as <file>.<old id>.")

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
            let (old, new) = try await rotateMasterKey(configuration: configuration, logger: logger)
            print("master key \(old) replaced by \(new): running servers go on; each needs the new key file when it next starts")
        }
    }
}
