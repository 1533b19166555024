import ArgumentParser
import AWSWire
import CognitoCLI
import DeclaredState
import Foundation

/// `gatehouse apply FILE`: applies a declared state to a running server (`POST /_gatehouse/apply`),
/// signed with the usual credentials when there are any.
struct Apply: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply a declared state (pools with fixed ids, clients, domains, groups, users) to a running server.",
        discussion: "Applying the same file again changes nothing; a changed setting is updated; what the file does not name is left alone.")

    @Argument(help: "The YAML or JSON file.") var file: String
    @OptionGroup var api: APIOptions

    func run() async throws {
        let declaration = try DeclarationFile(path: file)
        _ = try declaration.state()  // refused here, with its line, before anything is sent
        let answer = try await api.client()
            .post(path: "/_gatehouse/apply", body: AWSJSON.encode(declaration.document.json))
        let json = try? JSONNode(parsing: answer.body)
        guard answer.status == 200 else {
            guard let type = json?["__type"]?.string, let message = json?["message"]?.string else {
                throw DeclarationFile.Refused(description: "the server answered \(answer.status): \(String(decoding: answer.body, as: UTF8.self))")
            }
            if let path = json?["Path"]?.string {
                throw declaration.refusal(DeclarationError(path: path, message: message))
            }
            throw DeclarationFile.Refused(description: "\(file): \(type): \(message)")
        }
        for change in json?["Changes"]?.array ?? [] {
            print("\(change["Change"]?.string ?? "")\t\(change["Path"]?.string ?? "")")
        }
    }
}

/// Where the API is, and whose credentials sign, as the AWS CLI's options say.
struct APIOptions: ParsableArguments {
    @Option(help: "The server's URL (default http://127.0.0.1:9229).")
    var endpointUrl: String?
    @Option(help: "The region (else AWS_DEFAULT_REGION or the profile's).") var region: String?
    @Option(help: "A profile of the shared AWS files.") var profile: String?

    /// A client of the server at `--endpoint-url`, else of a local one.
    func client() throws -> CognitoAPI {
        try CognitoAPI(endpointURL: endpointUrl ?? "http://127.0.0.1:9229", region: region, profile: profile,
                       environment: ProcessInfo.processInfo.environment)
    }
}
