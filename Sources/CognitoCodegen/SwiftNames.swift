/// How model names become Swift names.
enum SwiftNames {
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "protocol", "public", "rethrows", "static", "struct",
        "subscript", "typealias", "var", "break", "case", "catch", "continue", "default", "defer", "do", "else",
        "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while", "as",
        "false", "is", "nil", "self", "Self", "super", "throws", "true", "try", "Type", "Protocol",
    ]

    /// A member name as a property: `UserPoolId` → `userPoolId`, `SMSMessage` → `smsMessage`.
    static func property(_ member: String) -> String {
        escaped(lowerCamel(member))
    }

    /// An enum value as a static property: `USER_SRP_AUTH` → `userSrpAuth`, `verified_email` → `verifiedEmail`.
    static func enumCase(_ value: String) -> String {
        let words = value.split { !$0.isLetter && !$0.isNumber }.map { $0.lowercased() }
        guard let first = words.first else { return "_empty" }
        let name = words.dropFirst().reduce(first) { name, word in
            // Digits on both sides keep their separator: V1_0 → v1_0, not v10.
            let separator = name.last!.isNumber && word.first!.isNumber ? "_" : ""
            return name + separator + word.prefix(1).uppercased() + word.dropFirst()
        }
        return escaped(name.first!.isNumber ? "_" + name : name)
    }

    /// Lower-cases the leading capitals, keeping the last one of a run that starts a word.
    static func lowerCamel(_ name: String) -> String {
        let characters = Array(name)
        var upperRun = 0
        while upperRun < characters.count, characters[upperRun].isUppercase { upperRun += 1 }
        if upperRun == 0 { return name }
        if upperRun == characters.count { return name.lowercased() }
        let lowered = upperRun == 1 ? 1 : upperRun - 1
        return String(characters[..<lowered]).lowercased() + String(characters[lowered...])
    }

    static func escaped(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }

    /// A Swift string literal of `text`, raw so that the model's regular expressions read as written.
    static func literal(_ text: String) -> String {
        if !text.contains("\\") && !text.contains("\"") { return "\"\(text)\"" }
        precondition(!text.contains("\"#"), "cannot quote \(text)")
        return "#\"\(text)\"#"
    }
}
