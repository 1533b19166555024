import ArgumentParser
import GatehouseServer

/// `gatehouse reset`: returns a running server started with `--development-reset` to its
/// bootstrap state, or to empty without one (`POST /_gatehouse/reset`).
struct Reset: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Return a running development server (started with --development-reset) to its --bootstrap state, or to empty.")

    @Option(help: "The server's address.") var endpointUrl = "http://127.0.0.1:9229"

    func run() async throws {
        print(try await requestDevelopmentReset(at: endpointUrl))
    }
}
