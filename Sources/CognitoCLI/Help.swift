import AWSWire

/// `gatehouse cognito-idp help` and `gatehouse cognito-idp <operation> help`: the operations, and
/// for one operation its options with their types, constraints and enum values, and an example
/// of each syntax a structured value takes (generated from the model as awscli generates its
/// "Shorthand Syntax" and "JSON Syntax" sections).
struct Help {
    let model: ModelDescription

    /// The operations, as the AWS CLI names them.
    func service() -> String {
        var lines = [
            "COGNITO-IDP", "",
            "DESCRIPTION",
            "    Amazon Cognito user pools, as `aws cognito-idp` calls them: against Gatehouse with",
            "    --endpoint-url, or against AWS itself.", "",
            "SYNOPSIS",
            "    gatehouse cognito-idp <operation> [parameters] [global options]", "",
            "AVAILABLE OPERATIONS",
        ]
        lines += model.operations.map { "    o \($0.commandName)" }
        lines += ["    o help", "", globalOptions]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The options of `operation`.
    func operation(_ operation: ModelOperation) -> String {
        guard case .structure(let members) = model.shape(operation.input).kind else { return "" }
        var lines = [
            "NAME", "    \(operation.commandName)", "",
            "DESCRIPTION",
            "    Calls \(operation.name)\(operation.requiresIAMAuthorization ? ", signed with SigV4" : ", unsigned (the model's authtype none)").", "",
            "SYNOPSIS", "    \(operation.commandName)",
        ]
        for member in members {
            let shape = model.shape(member.shape)
            let synopsis: String
            if case .boolean = shape.kind {
                synopsis = "--\(member.optionName) | --no-\(member.optionName)"
            } else {
                synopsis = "--\(member.optionName) <value>"
            }
            lines.append(member.isRequired ? "    \(synopsis)" : "    [\(synopsis)]")
        }
        if let pagination = operation.pagination {
            lines += ["    [--starting-token <value>]"] + (pagination.limitKey == nil ? [] : ["    [--page-size <value>]"])
                + ["    [--max-items <value>]"]
        }
        lines += ["    [--cli-input-json <value> | --cli-input-yaml <value>]",
                  "    [--generate-cli-skeleton <input | yaml-input | output>]", "", "OPTIONS"]
        for member in members {
            lines += option(member).map { $0.isEmpty ? "" : "    " + $0 } + [""]
        }
        if let pagination = operation.pagination {
            lines += [
                "    --starting-token (string)",
                "        Where to go on from: the NextToken of an earlier output cut short by --max-items.", "",
            ] + (pagination.limitKey == nil ? [] : [
                "    --page-size (integer)",
                "        How many items each call asks for (sent as \(pagination.limitKey!)).", "",
            ]) + [
                "    --max-items (integer)",
                "        How many \(pagination.resultKey) to print at most; a NextToken follows when there are more.", "",
                "    \(operation.name) is paginated: the command calls it until the last page and prints all",
                "    \(pagination.resultKey) together, unless --no-paginate or one of "
                    + manualPagingOptions(pagination, members).joined(separator: ", ") + " is given.", "",
            ]
        }
        lines += [
            "    --cli-input-json | --cli-input-yaml (string)",
            "        The operation's parameters as a JSON or YAML object (inline or file://); options",
            "        given on the command line take precedence.", "",
            "    --generate-cli-skeleton (string)",
            "        Prints a skeleton instead of calling: `input` (JSON, the default), `yaml-input`,",
            "        or `output` (a sample response).", "",
            globalOptions,
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The options of the members that page by hand, which turn automatic paging off.
    private func manualPagingOptions(_ pagination: ModelPagination, _ members: [ModelMember]) -> [String] {
        members.filter { $0.name == pagination.inputToken || $0.name == pagination.limitKey }.map { "--" + $0.optionName }
    }

    private var globalOptions: String {
        """
        GLOBAL OPTIONS
            --endpoint-url <url>    Send requests here (a Gatehouse server), not to AWS.
            --region <region>       The region to sign for [AWS_DEFAULT_REGION, profile region].
            --profile <name>        The profile of ~/.aws/config and ~/.aws/credentials to use.
            --output <format>       json (default), yaml, text or table [AWS_DEFAULT_OUTPUT].
            --query <expression>    Print what this JMESPath expression selects of the response.
            --no-sign-request       Send requests unsigned; no credentials are read.
            --no-paginate           Make one call of a paginated operation and print its own token.
            --debug                 Log each request and response line to standard error.
        """
    }

    /// One option's entry: name, type, requirement, constraints and syntax examples.
    func option(_ member: ModelMember) -> [String] {
        let shape = model.shape(member.shape)
        var lines = ["--\(member.optionName) (\(shape.typeName))"]
        var facts = member.isRequired ? ["Required."] : []
        facts += constraints(shape)
        if case .list(let element) = shape.kind, model.shape(element).isScalar {
            facts.append("Give the values separated by spaces.")
            facts += constraints(model.shape(element)).map { "Each value: \($0)" }
        }
        lines += facts.map { "    " + $0 }
        if !shape.isScalar {
            if supportsShorthand(shape) { lines += ["", "    Shorthand Syntax:", "        " + shorthandExample(shape)] }
            lines += ["", "    JSON Syntax:"] + jsonExample(shape).split(separator: "\n").map { "        " + $0 }
        }
        return lines
    }

    private func supportsShorthand(_ shape: ModelShape) -> Bool {
        ParameterValues(model: model, environment: [:]).supportsShorthand(shape)
    }

    /// The shape's own constraints, one sentence each.
    func constraints(_ shape: ModelShape) -> [String] {
        var facts: [String] = []
        let unit = shape.isScalar ? "Length" : "Number of items"
        switch (shape.kind, shape.min, shape.max) {
        case (.integer, let min?, let max?), (.long, let min?, let max?): facts.append("Range: \(min) to \(max).")
        case (.integer, let min?, nil), (.long, let min?, nil): facts.append("Minimum: \(min).")
        case (.integer, nil, let max?), (.long, nil, let max?): facts.append("Maximum: \(max).")
        case (_, let min?, let max?): facts.append("\(unit): \(min) to \(max).")
        case (_, let min?, nil): facts.append("\(unit): at least \(min).")
        case (_, nil, let max?): facts.append("\(unit): at most \(max).")
        default: break
        }
        if let pattern = shape.pattern { facts.append("Pattern: \(pattern)") }
        if let values = shape.enumValues { facts.append("Possible values: " + values.joined(separator: " | ")) }
        if shape.isSensitive { facts.append("Sensitive: never logged.") }
        return facts
    }

    // MARK: Syntax examples

    /// awscli's `ParamShorthandDocGen`: `Key=type,...`, nested structures in braces, lists as
    /// `[a,b]` (or `a,b` at the top), maps as `KeyName1=type,KeyName2=type`; a list of structures
    /// as one element followed by ` ...`.
    func shorthandExample(_ shape: ModelShape) -> String {
        var stack: [String] = []
        if case .list(let member) = shape.kind {
            return shorthand(model.shape(member), name: member, stack: &stack) + " ..."
        }
        return shorthand(shape, name: "", stack: &stack)
    }

    private func shorthand(_ shape: ModelShape, name: String, stack: inout [String]) -> String {
        switch shape.kind {
        case .structure(let members):
            let parts = members.filter { !isDocument($0.shape) }.map { member -> String in
                if stack.contains(member.shape) { return "\(member.name)=( ... recursive ... )" }
                stack.append(member.shape)
                defer { stack.removeLast() }
                return "\(member.name)=" + shorthand(model.shape(member.shape), name: member.shape, stack: &stack)
            }
            return stack.isEmpty ? parts.joined(separator: ",") : "{" + parts.joined(separator: ",") + "}"
        case .list(let member):
            stack.append(member)
            let element = shorthand(model.shape(member), name: member, stack: &stack)
            stack.removeLast()
            return model.shape(member).isScalar && stack.count <= 1 ? "\(element),\(element)" : "[\(element),\(element)]"
        case .map(_, let value):
            stack.append(value)
            let element = shorthand(model.shape(value), name: value, stack: &stack)
            stack.removeLast()
            let pairs = "KeyName1=\(element),KeyName2=\(element)"
            return stack.isEmpty ? pairs : "{\(pairs)}"
        default:
            return shape.typeName
        }
    }

    private func isDocument(_ shapeName: String) -> Bool {
        if case .document = model.shape(shapeName).kind { true } else { false }
    }

    /// awscli's JSON syntax example: scalars by type name (`"string"`, `integer`, `true|false`,
    /// an enum's values joined by `|`), two spaces per level, `...` after a list's or map's element.
    func jsonExample(_ shape: ModelShape) -> String {
        var stack: [String] = []
        return json(shape, name: "", indent: 0, stack: &stack)
    }

    private func json(_ shape: ModelShape, name: String, indent: Int, stack: inout [String]) -> String {
        let pad = String(repeating: "  ", count: indent + 1), close = String(repeating: "  ", count: indent)
        if stack.filter({ $0 == name }).count > 1 {
            if case .structure = shape.kind { return "{ ... recursive ... }" }
            return ""
        }
        stack.append(name)
        defer { stack.removeLast() }
        switch shape.kind {
        case .structure(let members):
            let lines = members.map { member in
                "\(pad)\"\(member.name)\": " + json(model.shape(member.shape), name: member.shape, indent: indent + 1, stack: &stack)
            }
            return "{\n" + lines.joined(separator: ",\n") + "\n\(close)}"
        case .list(let member):
            let element = model.shape(member)
            if element.isScalar { return "[\(scalarExample(element)), ...]" }
            return "[\n\(pad)" + json(element, name: member, indent: indent + 1, stack: &stack) + "\n\(pad)...\n\(close)]"
        case .map(let key, let value):
            let valueShape = model.shape(value)
            let valueText = valueShape.isScalar ? scalarExample(valueShape) : json(valueShape, name: value, indent: indent + 1, stack: &stack)
            return "{\(scalarExample(model.shape(key))): \(valueText)\n\(pad)...}"
        case .document:
            return "{...}"
        default:
            return scalarExample(shape)
        }
    }

    private func scalarExample(_ shape: ModelShape) -> String {
        switch shape.kind {
        case .string: shape.enumValues.map { $0.map { "\"\($0)\"" }.joined(separator: "|") } ?? "\"string\""
        case .boolean: "true|false"
        default: shape.typeName
        }
    }
}
