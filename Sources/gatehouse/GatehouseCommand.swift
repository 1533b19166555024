import ArgumentParser

@main
struct GatehouseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gatehouse",
        abstract: "A self-hostable identity provider that speaks the Amazon Cognito user pools API.",
        subcommands: [Serve.self],
        defaultSubcommand: Serve.self)
}
