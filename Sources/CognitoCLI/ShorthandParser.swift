import AWSWire

/// The AWS CLI's shorthand syntax (awscli's `ShorthandParser`), read without a model: every value
/// comes out as a string, a list or an object; ``ShorthandTyping`` then gives the model's types.
///
///     Name=email,Value=a@example.com          → {"Name": "email", "Value": "a@example.com"}
///     PasswordPolicy={MinimumLength=8}        → {"PasswordPolicy": {"MinimumLength": "8"}}
///     Team=Blue,Area=West                     → {"Team": "Blue", "Area": "West"}
///     Names=a,b,Other=c                       → {"Names": ["a", "b"], "Other": "c"}
///     Ids=[a,b],Name='x, y'                   → {"Ids": ["a", "b"], "Name": "x, y"}
///
/// `key@=file://path` (or `fileb://`) takes the value from a file.
struct ShorthandParser {
    /// Why a value is not shorthand, with the text and a caret under the offending character.
    struct ParseError: Error, Equatable {
        let message: String
    }

    private let text: [Unicode.Scalar]
    private var index = 0
    private var resolvesParamFiles = false
    private let readParamFile: (String) throws(CommandLineError) -> String?

    /// - Parameter readParamFile: the contents of a `file://` or `fileb://` value, `nil` for other values.
    init(_ value: String, readParamFile: @escaping (String) throws(CommandLineError) -> String?) {
        text = Array(value.unicodeScalars)
        self.readParamFile = readParamFile
    }

    /// The top level: `key=value` pairs separated by commas, each key once.
    mutating func parse() throws -> JSONNode {
        var pairs: [(key: String, value: JSONNode)] = []
        let first = try keyValue()
        pairs.append(first)
        var lastIndex = index
        while index < text.count {
            try expect(",", consumingWhitespace: true)
            let pair = try keyValue()
            if pairs.contains(where: { $0.key == pair.key }) {
                throw ParseError(message: "Second instance of key \"\(pair.key)\" encountered for input:\n"
                    + errorLocation(lastIndex + 1) + "\nThis is often because there is a preceding \",\" instead of a space.")
            }
            pairs.append(pair)
            lastIndex = index
        }
        return .object(pairs)
    }

    // MARK: Grammar

    private mutating func keyValue() throws -> (key: String, value: JSONNode) {
        let key = self.key()
        try markParamFileResolution()
        try expect("=", consumingWhitespace: true)
        return (key, try values())
    }

    /// Letters, digits and `-_.#/:`; possibly empty.
    private mutating func key() -> String {
        let start = index
        while let current, current.isASCII, Self.keyCharacters.contains(Character(current)) { index += 1 }
        return String(String.UnicodeScalarView(text[start..<index]))
    }

    /// An `@` before `=` makes the value a parameter file reference.
    private mutating func markParamFileResolution() throws {
        let start = index
        consumeWhitespace()
        if current == "@" {
            index += 1
            consumeWhitespace()
            resolvesParamFiles = true
        } else {
            index = start
            resolvesParamFiles = false
        }
    }

    private mutating func values() throws -> JSONNode {
        switch current {
        case nil: .string("")
        case "[": try explicitList()
        case "{": try hashLiteral()
        default: try csvValue()
        }
    }

    /// One value, or several separated by commas (a list). A comma followed by `key=` ends the
    /// list: the parser goes back to that comma and the next pair begins.
    private mutating func csvValue() throws -> JSONNode {
        let first = try firstValue()
        consumeWhitespace()
        guard current == "," else { return .string(first) }
        try expect(",", consumingWhitespace: true)
        var list = [first]
        while true {
            do {
                let value = try secondValue()
                consumeWhitespace()
                if current == nil {
                    list.append(value)
                    break
                }
                try expect(",", consumingWhitespace: true)
                list.append(value)
            } catch let error as ParseError {
                if current == nil { throw error }
                while index >= 0, text[index] != "," { index -= 1 }
                break
            }
        }
        return list.count == 1 ? .string(first) : .array(list.map(JSONNode.string))
    }

    private mutating func explicitList() throws -> JSONNode {
        try expect("[", consumingWhitespace: true)
        var values: [JSONNode] = []
        while current != "]" {
            values.append(try explicitValue())
            consumeWhitespace()
            if current != "]" {
                try expect(",")
                consumeWhitespace()
            }
        }
        try expect("]")
        return .array(values)
    }

    private mutating func explicitValue() throws -> JSONNode {
        switch current {
        case "[": try explicitList()
        case "{": try hashLiteral()
        default: .string(try firstValue())
        }
    }

    /// `{key=value,…}`; a repeated key keeps its place and takes the later value.
    private mutating func hashLiteral() throws -> JSONNode {
        try expect("{", consumingWhitespace: true)
        var pairs: [(key: String, value: JSONNode)] = []
        while current != "}" {
            let key = self.key()
            try markParamFileResolution()
            try expect("=", consumingWhitespace: true)
            let value = try explicitValue()
            consumeWhitespace()
            if current != "}" {
                try expect(",")
                consumeWhitespace()
            }
            if let existing = pairs.firstIndex(where: { $0.key == key }) {
                pairs[existing].value = value
            } else {
                pairs.append((key, value))
            }
        }
        try expect("}")
        return .object(pairs)
    }

    private mutating func firstValue() throws -> String {
        switch current {
        case "'": return try resolved(quoted("'"))
        case "\"": return try resolved(quoted("\""))
        default:
            let consumed = word(following: Self.isFirstFollow)
            return try consumed.isEmpty ? "" : resolved(Self.unescapingCommas(consumed))
        }
    }

    private mutating func secondValue() throws -> String {
        switch current {
        case "'": return try resolved(quoted("'"))
        case "\"": return try resolved(quoted("\""))
        default:
            let consumed = word(following: Self.isSecondFollow)
            guard !consumed.isEmpty else { throw syntaxError(expected: "<second>", actual: "<none>") }
            return try resolved(Self.unescapingCommas(consumed))
        }
    }

    /// A quoted value without its quotes; `\'` (or `\"`) and `\\` inside are unescaped.
    private mutating func quoted(_ quote: Unicode.Scalar) throws -> String {
        var end = index + 1
        while end < text.count, text[end] != quote {
            end += text[end] == "\\" && end + 1 < text.count && text[end + 1] == quote ? 2 : 1
        }
        guard end < text.count else {
            throw syntaxError(expected: quote == "'" ? "<singled quoted>" : "<double quoted>", actual: "<none>")
        }
        let inner = String(String.UnicodeScalarView(text[(index + 1)..<end]))
        index = end + 1
        return inner.replacingOccurrences(of: "\\\(quote)", with: "\(quote)").replacingOccurrences(of: "\\\\", with: "\\")
    }

    /// An unquoted word: a start character (or `\,`) then following characters (or `\,`).
    private mutating func word(following isFollow: (Unicode.Scalar) -> Bool) -> [Unicode.Scalar] {
        let start = index
        var first = true
        while index < text.count {
            if text[index] == "\\", index + 1 < text.count, text[index + 1] == "," {
                index += 2
            } else if first ? Self.isStart(text[index]) : isFollow(text[index]) {
                index += 1
            } else {
                break
            }
            first = false
        }
        return Array(text[start..<index])
    }

    private func resolved(_ value: String) throws -> String {
        guard resolvesParamFiles else { return value }
        return try readParamFile(value) ?? value
    }

    // MARK: Characters

    private var current: Unicode.Scalar? { index < text.count ? text[index] : nil }

    private mutating func consumeWhitespace() {
        while let current, Self.pythonWhitespace.contains(current) { index += 1 }
    }

    private mutating func expect(_ character: Unicode.Scalar, consumingWhitespace: Bool = false) throws {
        if consumingWhitespace { consumeWhitespace() }
        guard let current else { throw syntaxError(expected: "\(character)", actual: "EOF") }
        guard current == character else { throw syntaxError(expected: "\(character)", actual: "\(current)") }
        index += 1
        if consumingWhitespace { consumeWhitespace() }
    }

    private func syntaxError(expected: String, actual: String) -> ParseError {
        ParseError(message: "Expected: '\(expected)', received: '\(actual)' for input:\n" + errorLocation(index))
    }

    /// The input with a caret under the character at `position`, on the line where it is.
    private func errorLocation(_ position: Int) -> String {
        let value = String(String.UnicodeScalarView(text))
        var consumed = value, remaining = "", spaces = position
        let clamped = min(position, text.count)
        if let lastNewline = text[..<clamped].lastIndex(of: "\n") { spaces = position - lastNewline - 1 }
        if let nextNewline = text[clamped...].firstIndex(of: "\n") {
            consumed = String(String.UnicodeScalarView(text[..<nextNewline]))
            remaining = String(String.UnicodeScalarView(text[nextNewline...]))
        }
        return consumed + "\n" + String(repeating: " ", count: spaces) + "^" + remaining
    }

    /// `\,` becomes `,`; trailing whitespace goes.
    private static func unescapingCommas(_ scalars: [Unicode.Scalar]) -> String {
        let text = String(String.UnicodeScalarView(scalars)).replacingOccurrences(of: "\\,", with: ",")
        return String(text.unicodeScalars.reversed().drop(while: isWhitespace).reversed().map(Character.init))
    }

    private static let keyCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.#/:")
    /// Python's `string.whitespace`, which the parser skips between tokens.
    private static let pythonWhitespace: Set<Unicode.Scalar> = [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}"]

    /// Python's `\s`, which words may contain after their first character.
    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        pythonWhitespace.contains(scalar) || (0x1C...0x1F).contains(scalar.value) || scalar.properties.isWhitespace
    }

    /// A word's first character: anything from `!` to U+FFFF but `"` `'` `,` `=` `[` `{`.
    private static func isStart(_ scalar: Unicode.Scalar) -> Bool {
        (0x21...0xFFFF).contains(scalar.value) && !"\"',=[{".unicodeScalars.contains(scalar)
    }

    /// The characters after the first in a first value: whitespace, and anything from `!` to
    /// U+FFFF but `"` `'` `,` `]` `}`.
    private static func isFirstFollow(_ scalar: Unicode.Scalar) -> Bool {
        isWhitespace(scalar) || ((0x21...0xFFFF).contains(scalar.value) && !"\"',]}".unicodeScalars.contains(scalar))
    }

    /// The characters after the first in a later value of a list: whitespace, and anything from
    /// `!` to U+FFFF but `"` `'` `,` `=`.
    private static func isSecondFollow(_ scalar: Unicode.Scalar) -> Bool {
        isWhitespace(scalar) || ((0x21...0xFFFF).contains(scalar.value) && !"\"',=".unicodeScalars.contains(scalar))
    }
}
