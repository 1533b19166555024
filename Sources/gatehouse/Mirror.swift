import Foundation
import ArgumentParser
import CognitoCLI
import DeclaredState

/// `gatehouse mirror`: a real pool (AWS by default, with the usual credentials) as a declared state
/// that Gatehouse can bootstrap from, its ids kept. Its Lambda triggers and client secrets are left
/// out unless asked for: a mirror must not call production functions or print production secrets.
struct Mirror: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a pool of Amazon Cognito (or another Cognito API) as a declared state to standard output.")

    @Option(help: "The pool's id.") var userPoolId: String
    @Option(help: "The API to read from (default: Amazon Cognito of the pool's region).") var fromEndpointUrl: String?
    @Option(help: "The region (else the pool id's).") var region: String?
    @Option(help: "A profile of the shared AWS files.") var profile: String?
    @Flag(help: "Keep the pool's Lambda triggers (LambdaConfig).") var includeLambdaConfig = false
    @Flag(help: "Keep the app clients' secrets (else a client with a secret gets a new one).") var includeClientSecrets = false
    @Option(help: "yaml or json.") var output = "yaml"

    func run() async throws {
        let client = try CognitoAPI(endpointURL: fromEndpointUrl, region: region ?? DeclaredIDs.region(ofUserPoolID: userPoolId),
                                    profile: profile, environment: ProcessInfo.processInfo.environment)
        let export = DeclaredStateExport(includesLambdaConfig: includeLambdaConfig, includesClientSecrets: includeClientSecrets)
        print(try await DeclaredStateWriter(format: output).text(export, poolID: userPoolId, client: client), terminator: "")
    }
}
