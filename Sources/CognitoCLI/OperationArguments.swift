import AWSWire

/// What the command line says for one operation, before any value is interpreted: the words
/// given for each input member and the input options (`--cli-input-json`, `--cli-input-yaml`,
/// `--generate-cli-skeleton`). Parsed as the AWS CLI's argparse does: an
/// option is `--name value` or `--name=value`, a unique prefix of a name is that name, a boolean
/// member is `--name` or `--no-name`, a list member takes every word up to the next option, and
/// an option given twice keeps its last value.
struct OperationArguments {
    /// The words given for each member, by member name: one word, several for a list, none for a
    /// list given empty. A boolean member holds `["true"]` or `["false"]`.
    private(set) var words: [String: [String]] = [:]
    private(set) var cliInputJSON: String?
    private(set) var cliInputYAML: String?
    /// `input`, `yaml-input` or `output` when `--generate-cli-skeleton` is given.
    private(set) var skeleton: String?
    /// `--starting-token`, `--page-size` and `--max-items` of a paginated operation.
    private(set) var paging = PagingArguments()

    /// The skeleton kinds `--generate-cli-skeleton` accepts.
    static let skeletonKinds = ["input", "yaml-input", "output"]

    /// - Throws: ``CommandLineError/usage(_:)`` for an unknown or ambiguous option, a missing
    ///   value, or a required member left out (unless an input file or a skeleton request makes
    ///   the command line incomplete on purpose).
    init(_ arguments: [String], operation: ModelOperation, model: ModelDescription) throws(CommandLineError) {
        guard case .structure(let members) = model.shape(operation.input).kind else {
            preconditionFailure("operation input \(operation.input) is not a structure")
        }
        let options = Self.options(members, pagination: operation.pagination, model: model)
        var unknown: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("--") else {
                unknown.append(argument)
                continue
            }
            let (written, inlineValue) = GlobalOptions.split(argument)
            guard let option = try Self.option(named: String(written.dropFirst(2)), in: options) else {
                unknown.append(argument)
                continue
            }
            /// The words after the option, up to the next option.
            func followingWords() -> [String] {
                let start = index
                while index < arguments.count, !Self.isOption(arguments[index]) { index += 1 }
                return Array(arguments[start..<index])
            }
            func oneWord() throws(CommandLineError) -> String {
                if let inlineValue { return inlineValue }
                guard index < arguments.count, !Self.isOption(arguments[index]) else {
                    throw .usage("argument --\(option.name): expected one argument")
                }
                index += 1
                return arguments[index - 1]
            }
            switch option.kind {
            case .member(let member, let isList):
                words[member.name] = isList ? (inlineValue.map { [$0] } ?? followingWords()) : [try oneWord()]
            case .flag(let member, let value):
                if let inlineValue { throw .usage("argument --\(option.name): ignored explicit argument '\(inlineValue)'") }
                words[member.name] = [value ? "true" : "false"]
            case .startingToken: paging.startingToken = try oneWord()
            case .pageSize: paging.pageSize = try Self.integer(try oneWord(), option: option.name)
            case .maxItems: paging.maxItems = try Self.integer(try oneWord(), option: option.name)
            case .cliInputJSON: cliInputJSON = try oneWord()
            case .cliInputYAML: cliInputYAML = try oneWord()
            case .skeleton:
                let kind = inlineValue ?? (index < arguments.count && !Self.isOption(arguments[index]) ? arguments[index] : nil)
                if inlineValue == nil, kind != nil { index += 1 }
                guard Self.skeletonKinds.contains(kind ?? "input") else {
                    throw .usage("argument --generate-cli-skeleton: Invalid choice, valid choices are:\n\n"
                        + Self.skeletonKinds.joined(separator: " | "))
                }
                skeleton = kind ?? "input"
            }
        }
        if !unknown.isEmpty { throw .usage("Unknown options: " + unknown.joined(separator: ", ")) }
        let inputGiven = cliInputJSON != nil || cliInputYAML != nil || (skeleton != nil && skeleton != "output")
        let missing = members.filter { $0.isRequired && words[$0.name] == nil }
        if !inputGiven, !missing.isEmpty {
            throw .usage("the following arguments are required: " + missing.map { "--\($0.optionName)" }.joined(separator: ", "))
        }
    }

    /// An option the operation takes and what it sets.
    struct Option {
        enum Kind {
            case member(ModelMember, isList: Bool)
            /// `--name` (true) or `--no-name` (false) of a boolean member.
            case flag(ModelMember, Bool)
            case startingToken, pageSize, maxItems
            case cliInputJSON, cliInputYAML, skeleton
        }

        /// Without the leading `--`.
        let name: String
        let kind: Kind
    }

    /// Every option of an operation with `members`, in model order, then the paging options of a
    /// paginated operation, then the input options.
    static func options(_ members: [ModelMember], pagination: ModelPagination?, model: ModelDescription) -> [Option] {
        var options: [Option] = []
        for member in members {
            switch model.shape(member.shape).kind {
            case .boolean:
                options.append(Option(name: member.optionName, kind: .flag(member, true)))
                options.append(Option(name: "no-" + member.optionName, kind: .flag(member, false)))
            case .list:
                options.append(Option(name: member.optionName, kind: .member(member, isList: true)))
            default:
                options.append(Option(name: member.optionName, kind: .member(member, isList: false)))
            }
        }
        if let pagination {
            options.append(Option(name: "starting-token", kind: .startingToken))
            if pagination.limitKey != nil { options.append(Option(name: "page-size", kind: .pageSize)) }
            options.append(Option(name: "max-items", kind: .maxItems))
        }
        options.append(Option(name: "cli-input-json", kind: .cliInputJSON))
        options.append(Option(name: "cli-input-yaml", kind: .cliInputYAML))
        options.append(Option(name: "generate-cli-skeleton", kind: .skeleton))
        return options
    }

    /// The option `name` stands for: itself, or the one option it is a prefix of.
    /// - Throws: ``CommandLineError/usage(_:)`` when it is a prefix of several.
    static func option(named name: String, in options: [Option]) throws(CommandLineError) -> Option? {
        if let exact = options.first(where: { $0.name == name }) { return exact }
        let candidates = options.filter { $0.name.hasPrefix(name) }
        if candidates.count > 1 {
            throw .usage("ambiguous option: --\(name) could match " + candidates.map { "--\($0.name)" }.joined(separator: ", "))
        }
        return candidates.first
    }

    /// An integer option's value, as argparse's `type=int` reads it.
    static func integer(_ word: String, option: String) throws(CommandLineError) -> Int {
        guard let value = Int(word.trimmingWhitespace) else { throw .usage("argument --\(option): invalid int value: '\(word)'") }
        return value
    }

    /// Whether a word is an option rather than a value: it starts with `-` and is not a number.
    static func isOption(_ word: String) -> Bool {
        word.hasPrefix("-") && word.count > 1 && Double(word) == nil
    }
}
