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
            case .notConfigured(let message):
                standardError(message + "\n")
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

    /// The AWS CLI's message for a word that is none of `choices`: every choice, two to a line,
    /// then the close matches, if any.
    static func invalidChoice(_ word: String, choices: [String]) -> String {
        var lines = ["Invalid choice, valid choices are:\n"]
        for start in stride(from: 0, to: choices.count, by: 2) {
            lines.append(choices[start..<min(start + 2, choices.count)].map { $0.padding(toLength: max($0.count, 40), withPad: " ", startingAt: 0) }
                .joined(separator: " | "))
        }
        let matches = CloseMatches.of(word, in: choices)
        if !matches.isEmpty {
            lines.append("\n\nInvalid choice: '\(word)', maybe you meant:\n")
            lines += matches.map { "  * \($0)" }
        }
        return lines.joined(separator: "\n")
    }

    private func execute(_ arguments: [String]) async throws(CommandLineError) {
        let (options, remaining) = try GlobalOptions.extract(from: arguments)
        // `--help` or `-h` anywhere asks for the page `help` shows.
        let asksForHelp = remaining.contains { $0 == "--help" || $0 == "-h" }
        var rest = remaining.filter { $0 != "--help" && $0 != "-h" }
        if let index = rest.firstIndex(of: "--cli-auto-prompt") {
            rest.remove(at: index)
            let named = rest.first.flatMap { name in model.operations.first { $0.commandName == name }?.commandName }
            let prompt = AutoPrompt(model: model, editor: LineEditor(write: standardError), show: standardError)
            let (commandName, arguments) = try prompt.complete(commandName: named, given: Array(rest.dropFirst(named == nil ? 0 : 1)))
            rest = [commandName] + arguments
        }
        if rest.isEmpty, asksForHelp { return standardOutput(Help(model: model).service()) }
        guard let commandName = rest.first else { throw .usage("the following arguments are required: operation") }
        if commandName == "help" { return standardOutput(Help(model: model).service()) }
        guard let operation = model.operations.first(where: { $0.commandName == commandName }) else {
            throw .usage("argument operation: " + Self.invalidChoice(commandName, choices: model.operations.map(\.commandName) + ["help"]))
        }
        if asksForHelp || rest.dropFirst().first == "help" { return standardOutput(Help(model: model).operation(operation)) }
        let parsed = try OperationArguments(Array(rest.dropFirst()), operation: operation, model: model)
        let body = try requestBody(operation, parsed)
        let profile = try SharedProfile.load(options: options, environment: environment) { path in
            try? String(contentsOfFile: path, encoding: .utf8)
        }
        let format = try profile.outputFormat(options: options, environment: environment)
        let query: JMESPath?
        do {
            query = try options.query.map(JMESPath.init)
        } catch {
            throw .parameter((error as? JMESPath.ParseError)?.message ?? "Bad value for --query")
        }
        if let kind = parsed.skeleton, kind != "output" {
            let skeleton = Skeleton(model: model, usesMemberNames: false).value(of: operation.input)
            standardOutput(kind == "yaml-input" ? YAMLDocument.render(skeleton) : JSONOutput.render(skeleton, asciiOnly: true) + "\n")
            return
        }
        if parsed.skeleton == "output" {
            let response = operation.output.map { Skeleton(model: model, usesMemberNames: true).value(of: $0) } ?? .object([])
            return try print(response, operation: operation, format: format, query: query)
        }
        let problems = ParameterValidation(model: model).problems(body, shape: operation.input)
        if !problems.isEmpty { throw .parameter("Parameter validation failed:\n" + problems.joined(separator: "\n")) }
        let signs = options.signsRequests && operation.requiresIAMAuthorization
        let settings = try ClientSettings.resolve(options: options, profile: profile, environment: environment, signs: signs)
        let client = ServiceClient(settings: settings, model: model, debug: options.debug ? { standardError($0 + "\n") } : nil)
        /// One call: the response, ordered as the model orders it.
        func call(_ body: JSONNode) async throws(CommandLineError) -> JSONNode? {
            let responseBytes = try await client.send(operation, body: Array(JSONOutput.compact(body).utf8), now: now)
            guard let outputShape = operation.output, !responseBytes.isEmpty else { return nil }
            guard let json = try? JSONNode(parsing: responseBytes) else { throw .other("The response of \(operation.name) is not JSON.") }
            return ResponseDocument.ordered(json, shape: model.shape(outputShape), model: model)
        }
        if let pagination = operation.pagination {
            let manual = [pagination.inputToken, pagination.limitKey].contains { $0.map { parsed.words[$0] != nil } ?? false }
            if options.paginates, !manual {
                let paginator = Paginator(pagination: pagination, arguments: parsed.paging)
                let (pages, resumeToken) = try await paginator.pages(firstRequest: body) { body throws(CommandLineError) in
                    try await call(body) ?? .object([])
                }
                return try printPages(pages, resumeToken: resumeToken, paginator: paginator, operation: operation, format: format,
                                      query: query)
            }
            if !parsed.paging.given.isEmpty {
                throw .usage("Cannot specify --no-paginate along with pagination arguments: " + parsed.paging.given.joined(separator: ", "))
            }
        }
        if let response = try await call(body) { try print(response, operation: operation, format: format, query: query) }
    }

    /// Prints paginated results as the AWS CLI does: all pages as one result, but for `text`, page
    /// by page and then the `NextToken` line.
    private func printPages(_ pages: [JSONNode], resumeToken: String?, paginator: Paginator, operation: ModelOperation,
                            format: String, query: JMESPath?) throws(CommandLineError) {
        guard format == "text" else {
            return try print(paginator.fullResult(pages, resumeToken: resumeToken), operation: operation, format: format, query: query)
        }
        let key = paginator.pagination.resultKey
        for page in pages { standardOutput(TextOutput.render(try queried(.object([(key, page[key] ?? .null)]), query))) }
        if let resumeToken {
            standardOutput(TextOutput.render(try queried(.object([("NextToken", .object([("NextToken", .string(resumeToken))]))]), query)))
        }
    }

    /// The response `query` selects (JSON's null where it selects nothing); the response itself without one.
    private func queried(_ response: JSONNode, _ query: JMESPath?) throws(CommandLineError) -> JSONNode {
        guard let query else { return response }
        do {
            return try query.search(response) ?? .null
        } catch {
            throw .other((error as? JMESPath.ParseError)?.message ?? "\(error)")
        }
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
        if let input = try cliInput(parsed, values: values) {
            for pair in input where !pairs.contains(where: { $0.key == pair.key }) { pairs.append(pair) }
        }
        return .object(pairs)
    }

    /// The members `--cli-input-json` or `--cli-input-yaml` gives (a JSON or YAML object, inline
    /// or as `file://`).
    private func cliInput(_ parsed: OperationArguments, values: ParameterValues) throws(CommandLineError)
        -> [(key: String, value: JSONNode)]? {
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

    /// Prints what `query` selects of a response in the output format; an empty object prints nothing.
    private func print(_ response: JSONNode, operation: ModelOperation, format: String, query: JMESPath?) throws(CommandLineError) {
        let response = try queried(response, query)
        if case .object(let pairs) = response, pairs.isEmpty { return }
        switch format {
        case "yaml": standardOutput(YAMLDocument.render(response))
        case "text": standardOutput(TextOutput.render(response))
        case "table": standardOutput(TableOutput.render(response, title: operation.name, terminalWidth: terminalWidth))
        default: standardOutput(JSONOutput.render(response) + "\n")
        }
    }
}
