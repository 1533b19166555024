import AWSWire

/// `--cli-auto-prompt`: asks for what the command line leaves out, then runs the command. First
/// the operation (when none is given), then each required parameter the command line does not
/// give, then optional ones by name until an empty answer. Tab completes operation and parameter
/// names and enum values. Answers are written as on the command line: shorthand or JSON for
/// structures, words separated by spaces (quotes keep spaces) for lists.
struct AutoPrompt {
    let model: ModelDescription
    let editor: LineEditor
    /// Where the finished command line is shown before it runs.
    let show: (String) -> Void

    /// The operation's command name and its arguments: `given` with the answers added.
    /// - Throws: ``CommandLineError/usage(_:)`` when the user cancels or names no operation.
    func complete(commandName: String?, given: [String]) throws(CommandLineError) -> (String, [String]) {
        let commandNames = model.operations.map(\.commandName)
        var name = commandName
        while name.map({ !commandNames.contains($0) }) ?? true {
            guard let answer = editor.readLine(prompt: "Operation: ", candidates: commandNames) else { throw Self.cancelled }
            name = answer.trimmingWhitespace
        }
        guard let commandName = name, let operation = model.operations.first(where: { $0.commandName == commandName }),
              case .structure(let members) = model.shape(operation.input).kind else { throw Self.cancelled }

        var arguments = given
        let givenOptions = Set(given.filter { $0.hasPrefix("--") }.map { String(GlobalOptions.split($0).name.dropFirst(2)) })
        for member in members where member.isRequired && !givenOptions.contains(member.optionName) {
            // A required parameter is asked again until it has an answer.
            while true {
                guard let words = try ask(member) else { continue }
                arguments += words
                break
            }
        }
        var remaining = members.filter { !$0.isRequired && !givenOptions.contains($0.optionName) }
        while !remaining.isEmpty {
            guard let answer = editor.readLine(prompt: "Optional parameter (Enter to run): ",
                                               candidates: remaining.map { "--" + $0.optionName }) else { throw Self.cancelled }
            let option = answer.trimmingWhitespace
            if option.isEmpty { break }
            guard let index = remaining.firstIndex(where: { "--" + $0.optionName == option || $0.optionName == option }) else { continue }
            if let words = try ask(remaining[index]) { arguments += words }
            remaining.remove(at: index)
        }
        show("gatehouse cognito-idp \(commandName) " + arguments.map(Self.quotedForShell).joined(separator: " ") + "\n")
        return (commandName, arguments)
    }

    private static let cancelled = CommandLineError.usage("the command was cancelled at the prompt")

    /// The arguments for one member's answer; `nil` when a required member is left empty.
    private func ask(_ member: ModelMember) throws(CommandLineError) -> [String]? {
        let shape = model.shape(member.shape)
        var candidates = shape.enumValues ?? []
        var kind = shape.typeName
        switch shape.kind {
        case .boolean:
            candidates = ["true", "false"]
        case .list(let element):
            candidates = model.shape(element).enumValues ?? []
            kind = "list of \(model.shape(element).typeName)"
        default:
            break
        }
        let prompt = "--\(member.optionName) (\(kind)\(member.isRequired ? ", required" : "")): "
        guard let answer = editor.readLine(prompt: prompt, candidates: candidates) else { throw Self.cancelled }
        let value = answer.trimmingWhitespace
        if value.isEmpty { return member.isRequired ? nil : [] }
        switch shape.kind {
        case .boolean:
            return [value.lowercased() == "false" ? "--no-\(member.optionName)" : "--\(member.optionName)"]
        case .list:
            return ["--\(member.optionName)"] + Self.words(value)
        default:
            return ["--\(member.optionName)", value]
        }
    }

    /// `value` split at spaces outside single or double quotes, the quotes removed.
    static func words(_ value: String) -> [String] {
        var words: [String] = [], current = "", quote: Character?, inWord = false
        for character in value {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character == " " || character == "\t" {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    /// A word as a POSIX shell would need it written.
    static func quotedForShell(_ word: String) -> String {
        let plain = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=,@%+".contains($0) }
        return plain && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
