import ArgumentParser
import GatehouseServer

/// `gatehouse reset`: returns a running server started with `--development-reset` to empty
/// (`POST /_gatehouse/reset`): every pool and all that is theirs, in one step.
struct Reset: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Delete every user pool of a running development server (started with --development-reset), in one step.")

    @Option(help: "The server's address.") var endpointUrl = "http://127.0.0.1:9229"

    func run() async throws {
        print(try await requestDevelopmentReset(at: endpointUrl))
    }
}
