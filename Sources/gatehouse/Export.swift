import ArgumentParser
import AWSWire
import CognitoCLI
import DeclaredState
import Foundation

/// `gatehouse export`: a running server's pool as a declared state, which `apply` and `--bootstrap`
/// read back: its settings, MFA configuration, domain, app clients (with their secrets and ids)
/// and groups. Users are not exported.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write a pool of a running server as a declared state (YAML or JSON) to standard output.")

    @Option(help: "The pool's id.") var userPoolId: String
    @OptionGroup var api: APIOptions
    @Option(help: "yaml or json.") var output = "yaml"

    func run() async throws {
        let client = try api.client()
        let export = DeclaredStateExport(includesLambdaConfig: true, includesClientSecrets: true)
        print(try await DeclaredStateWriter(format: output).text(export, poolID: userPoolId, client: client), terminator: "")
    }
}

/// Reads a pool's declared state through the API and renders it as `format` says.
struct DeclaredStateWriter {
    let format: String

    init(format: String) throws {
        guard ["yaml", "json"].contains(format) else { throw ValidationError("--output is yaml or json") }
        self.format = format
    }

    /// The document; what it leaves out is said on standard error.
    func text(_ export: DeclaredStateExport, poolID: String, client: CognitoAPI) async throws -> String {
        let (document, leftOut) = try await export.document(poolID: poolID) { operation, input in try await client.call(operation, input) }
        for part in leftOut { FileHandle.standardError.write(Data("Left out \(part)\n".utf8)) }
        return format == "json" ? JSONOutput.render(document) + "\n" : YAMLDocument.render(document)
    }
}
