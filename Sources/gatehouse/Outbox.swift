import ArgumentParser
import Foundation
import GatehouseServer
import Logging

/// `gatehouse outbox`: prints the messages Gatehouse sent, newest first, as the development
/// endpoint `GET /_gatehouse/outbox` shows them. Codes and temporary passwords appear only in
/// messages sent while the server ran with `--development-outbox`.
struct Outbox: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the messages Gatehouse sent, newest first.")

    @OptionGroup var store: StoreOptions
    @Option(help: "Only the messages of this user pool.") var userPoolId: String?
    @Option(help: "Only the messages to this email address or phone number.") var recipient: String?
    @Option(help: "How many messages at most (default 50).") var limit: Int = 50

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var configuration = GatehouseConfiguration()
        store.apply(to: &configuration, environment: environment)
        var logger = Logger(label: "gatehouse")
        logger.logLevel = .warning
        let document = try await readOutbox(configuration: configuration, userPoolID: userPoolId, recipient: recipient,
                                            limit: max(limit, 1), logger: logger)
        FileHandle.standardOutput.write(Data(document + [UInt8(ascii: "\n")]))
    }
}
