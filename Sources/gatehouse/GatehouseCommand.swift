import ArgumentParser
import NIOCore
import NIOPosix

@main
struct GatehouseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gatehouse",
        abstract: "A self-hostable identity provider that speaks the Amazon Cognito user pools API.",
        subcommands: [Serve.self, Apply.self, Export.self, Mirror.self, Outbox.self, Keys.self, Reset.self, CognitoIdp.self],
        defaultSubcommand: Serve.self)

    /// Lets Swift Concurrency run on the event loop threads that read the requests, so a request
    /// never hops between thread pools; this must happen on the main thread before any task starts.
    static func main() async {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        await main(nil)
    }
}
