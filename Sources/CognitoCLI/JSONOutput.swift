import AWSWire

/// JSON as the AWS CLI writes it. ``render(_:asciiOnly:)`` prints as Python's
/// `json.dumps(indent=4, ensure_ascii=False)`: four spaces per level, `": "` between key and
/// value, empty objects and lists as `{}` and `[]`, non-ASCII text as it is.
public enum JSONOutput {
    public static func render(_ node: JSONNode, asciiOnly: Bool = false) -> String {
        var text = ""
        write(node, indent: 0, asciiOnly: asciiOnly, to: &text)
        return text
    }

    /// One line, as botocore writes a request body (`json.dumps` with its default separators
    /// `", "` and `": "`, non-ASCII escaped); without `spaced`, with `","` and `":"`.
    static func compact(_ node: JSONNode, spaced: Bool = true) -> String {
        let (comma, colon) = spaced ? (", ", ": ") : (",", ":")
        switch node {
        case .object(let pairs):
            return "{" + pairs.map { quoted($0.key, asciiOnly: true) + colon + compact($0.value, spaced: spaced) }.joined(separator: comma) + "}"
        case .array(let elements): return "[" + elements.map { compact($0, spaced: spaced) }.joined(separator: comma) + "]"
        case .string(let value): return quoted(value, asciiOnly: true)
        case .number(let value): return value
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        }
    }

    private static func write(_ node: JSONNode, indent: Int, asciiOnly: Bool, to text: inout String) {
        let inner = String(repeating: " ", count: indent + 4)
        switch node {
        case .object(let pairs) where pairs.isEmpty: text += "{}"
        case .array(let elements) where elements.isEmpty: text += "[]"
        case .object(let pairs):
            text += "{\n"
            for (index, pair) in pairs.enumerated() {
                text += inner + quoted(pair.key, asciiOnly: asciiOnly) + ": "
                write(pair.value, indent: indent + 4, asciiOnly: asciiOnly, to: &text)
                text += index < pairs.count - 1 ? ",\n" : "\n"
            }
            text += String(repeating: " ", count: indent) + "}"
        case .array(let elements):
            text += "[\n"
            for (index, element) in elements.enumerated() {
                text += inner
                write(element, indent: indent + 4, asciiOnly: asciiOnly, to: &text)
                text += index < elements.count - 1 ? ",\n" : "\n"
            }
            text += String(repeating: " ", count: indent) + "]"
        case .string(let value): text += quoted(value, asciiOnly: asciiOnly)
        case .number(let value): text += value
        case .bool(let value): text += value ? "true" : "false"
        case .null: text += "null"
        }
    }

    /// A JSON string literal with Python's escapes; with `asciiOnly`, every non-ASCII character
    /// as `\uXXXX` (surrogate pairs beyond the BMP).
    static func quoted(_ value: String, asciiOnly: Bool) -> String {
        var text = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{08}": text += "\\b"
            case "\u{0C}": text += "\\f"
            default:
                if scalar.value < 0x20 || (asciiOnly && scalar.value > 0x7F) {
                    for unit in String(scalar).utf16 { text += "\\u" + hex4(unit) }
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        return text + "\""
    }

    private static func hex4(_ unit: UInt16) -> String {
        let digits = String(unit, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
