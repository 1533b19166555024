import AWSWire
import CognitoModel
import Foundation

/// `gatehouse cognito-idp <operation> [options]`: the AWS CLI's `aws cognito-idp` for every
/// operation of the model, against Gatehouse or AWS itself.
public struct CognitoCommandLine {
    let model = ServiceDescription.model
    let environment: [String: String]
    let standardOutput: (String) -> Void
    let standardError: (String) -> Void
    let now: () -> Date
    /// The terminal's width in columns, for `--output table`.
    let terminalWidth: Int

    public init(environment: [String: String], standardOutput: @escaping (String) -> Void,
                standardError: @escaping (String) -> Void, terminalWidth: Int = 80, now: @escaping () -> Date = Date.init) {
        self.environment = environment
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.terminalWidth = terminalWidth
        self.now = now
    }

    /// Runs the command and returns its exit status: 0, or the AWS CLI's status for the failure
    /// (252 usage, 253 configuration, 254 service error, 255 anything else).
    public func run(_ arguments: [String]) async -> Int32 {
        do {
            try await execute(arguments)
            return 0
        } catch {
            switch error {
            case .usage(let message):
                standardError(Self.usage + "gatehouse: error: \(message)\n")
            default:
                standardError("\n\(error.message)\n")
            }
            return error.exitStatus
        }
    }

    static let usage = """
        usage: gatehouse cognito-idp <operation> [parameters]
        To see help text, you can run:

          gatehouse cognito-idp help
          gatehouse cognito-idp <operation> help

        """

    private func execute(_ arguments: [String]) async throws(CommandLineError) {
        let (options, remaining) = try GlobalOptions.extract(from: arguments)
        var rest = remaining
        if let index = rest.firstIndex(of: "--cli-auto-prompt") {
            rest.remove(at: index)
            let named = rest.first.flatMap { name in model.operations.first { $0.commandName == name }?.commandName }
            let prompt = AutoPrompt(model: model, editor: LineEditor(write: standardError), show: standardError)
            let (commandName, arguments) = try prompt.complete(commandName: named, given: Array(rest.dropFirst(named == nil ? 0 : 1)))
            rest = [commandName] + arguments
        }
        guard let commandName = rest.first else { throw .usage("the following arguments are required: operation") }
        if commandName == "help" { return standardOutput(Help(model: model).service()) }
        guard let operation = model.operations.first(where: { $0.commandName == commandName }) else {
            throw .usage("argument operation: Invalid choice: '\(commandName)'")
        }
        if rest.dropFirst().first == "help" { return standardOutput(Help(model: model).operation(operation)) }
        let parsed = try OperationArguments(Array(rest.dropFirst()), operation: operation, model: model)
        let body = try requestBody(operation, parsed)
        if let kind = parsed.skeleton, kind != "output" {
            let skeleton = Skeleton(model: model, usesMemberNames: false).value(of: operation.input)
            standardOutput(kind == "yaml-input" ? YAMLDocument.render(skeleton) : JSONOutput.render(skeleton, asciiOnly: true) + "\n")
            return
        }
        if parsed.skeleton == "output" {
            let response = operation.output.map { Skeleton(model: model, usesMemberNames: true).value(of: $0) } ?? .object([])
            print(response, operation: operation, format: options.output ?? environment["AWS_DEFAULT_OUTPUT"] ?? "json")
            return
        }
        let signs = options.signsRequests && operation.requiresIAMAuthorization
        let settings = try ClientSettings.resolve(options: options, environment: environment, signs: signs) { path in
            try? String(contentsOfFile: path, encoding: .utf8)
        }
        let client = ServiceClient(settings: settings, model: model, debug: options.debug ? { standardError($0 + "\n") } : nil)
        let responseBytes = try await client.send(operation, body: Array(JSONOutput.compact(body).utf8), at: now())
        guard let outputShape = operation.output, !responseBytes.isEmpty else { return }
        guard let json = try? JSONNode(parsing: responseBytes) else { throw .other("The response of \(operation.name) is not JSON.") }
        print(ResponseDocument.ordered(json, shape: model.shape(outputShape), model: model), operation: operation,
              format: options.output ?? environment["AWS_DEFAULT_OUTPUT"] ?? "json")
    }

    /// The request's members, in model order: those the command line gives, then those of
    /// `--cli-input-json` or `--cli-input-yaml` that the command line does not give, in the
    /// file's order.
    private func requestBody(_ operation: ModelOperation, _ parsed: OperationArguments) throws(CommandLineError) -> JSONNode {
        guard case .structure(let members) = model.shape(operation.input).kind else { return .object([]) }
        let values = ParameterValues(model: model, environment: environment)
        var pairs: [(key: String, value: JSONNode)] = []
        for member in members {
            guard let words = parsed.words[member.name] else { continue }
            pairs.append((member.name, try values.value(of: member, words: words)))
        }
        if let input = try cliInput(parsed) {
            for pair in input where !pairs.contains(where: { $0.key == pair.key }) { pairs.append(pair) }
        }
        return .object(pairs)
    }

    /// The members `--cli-input-json` or `--cli-input-yaml` gives (a JSON or YAML object, inline
    /// or as `file://`).
    private func cliInput(_ parsed: OperationArguments) throws(CommandLineError) -> [(key: String, value: JSONNode)]? {
        let values = ParameterValues(model: model, environment: environment)
        let document: JSONNode
        if let json = parsed.cliInputJSON {
            document = try values.json(try ParamFile.text(of: json, environment: environment) ?? json, option: "cli-input-json")
        } else if let yaml = parsed.cliInputYAML {
            document = try YAMLDocument.parse(try ParamFile.text(of: yaml, environment: environment) ?? yaml, option: "cli-input-yaml")
        } else {
            return nil
        }
        guard case .object(let pairs) = document else {
            throw .parameter("Error parsing parameter '\(parsed.cliInputJSON != nil ? "cli-input-json" : "cli-input-yaml")': the input must be an object of the operation's parameters")
        }
        return pairs
    }

    /// Prints a response in the output format; an empty response prints nothing.
    private func print(_ response: JSONNode, operation: ModelOperation, format: String) {
        if case .object(let pairs) = response, pairs.isEmpty { return }
        switch format {
        case "yaml": standardOutput(YAMLDocument.render(response))
        case "text": standardOutput(TextOutput.render(response))
        case "table": standardOutput(TableOutput.render(response, title: operation.name, terminalWidth: terminalWidth))
        default: standardOutput(JSONOutput.render(response) + "\n")
        }
    }
}
