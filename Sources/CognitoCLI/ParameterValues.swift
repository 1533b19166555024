import AWSWire
import Foundation

/// Turns the words given for a member into the JSON its request carries, as the AWS CLI does:
/// a `file://` or `fileb://` word is replaced by the file's contents; then a value that starts
/// with `{` or `[` is JSON; a structure, a map or a list of structures is otherwise shorthand
/// (one word per element of a list), typed by the model afterwards; a scalar is converted to the
/// member's type (integers by their digits, blobs base64-encoded from their bytes).
struct ParameterValues {
    let model: ModelDescription
    let environment: [String: String]

    /// The JSON of `member` for `words` (several only for a list; a boolean's `true`/`false`).
    func value(of member: ModelMember, words: [String]) throws(CommandLineError) -> JSONNode {
        let shape = model.shape(member.shape)
        let option = "--\(member.optionName)"
        if case .boolean = shape.kind { return .bool(words == ["true"]) }
        var words = words
        var fileBytes: Data?
        // Like the AWS CLI, only a lone word is looked up as a file, also for a list.
        if words.count == 1, let contents = try ParamFile.contents(of: words[0], environment: environment) {
            fileBytes = contents
            words = [String(decoding: contents, as: UTF8.self)]
        }
        if case .blob = shape.kind, let fileBytes { return .string(fileBytes.base64EncodedString()) }
        do {
            if let first = words.first, !first.trimmingWhitespace.hasPrefix("["), !first.trimmingWhitespace.hasPrefix("{"),
               supportsShorthand(shape) {
                return try shorthand(words, shape: shape)
            }
            return try unpack(words, shape: shape, option: option)
        } catch let error as ShorthandParser.ParseError {
            throw .parameter("Error parsing parameter '\(option)': \(error.message)")
        } catch let error as ShorthandTyping.TypeError {
            throw .parameter("Error parsing parameter '\(option)': \(error.message)")
        } catch let error as CommandLineError {
            throw error
        } catch {
            throw .other("\(error)")
        }
    }

    // MARK: Shorthand

    /// Structures, maps and lists of them (or of lists) take shorthand; documents never do.
    func supportsShorthand(_ shape: ModelShape) -> Bool {
        switch shape.kind {
        case .structure, .map: true
        case .list(let member):
            switch model.shape(member).kind {
            case .structure, .list, .map: true
            default: false
            }
        default: false
        }
    }

    /// Each word parsed; a list takes them all as its elements, anything else its one word.
    private func shorthand(_ words: [String], shape: ModelShape) throws -> JSONNode {
        var parsed: [JSONNode] = []
        for word in words {
            var parser = ShorthandParser(word) { value throws(CommandLineError) in
                try ParamFile.text(of: value, environment: environment)
            }
            parsed.append(try parser.parse())
        }
        let value: JSONNode
        if case .list = shape.kind { value = .array(parsed) } else { value = parsed[0] }
        return try ShorthandTyping(model: model).typed(value, shape: shape)
    }

    // MARK: JSON and scalars

    private func unpack(_ words: [String], shape: ModelShape, option: String) throws(CommandLineError) -> JSONNode {
        switch shape.kind {
        case .document:
            return try json(words.joined(separator: " "), option: option)
        case .structure, .map:
            let word = words.first ?? ""
            guard word.trimmingWhitespace.hasPrefix("{") else { throw .parameter("Error parsing parameter '\(option)': Invalid JSON:\n\(word)") }
            return try json(word, option: option)
        case .list(let member):
            if words.count == 1, words[0].trimmingWhitespace.hasPrefix("[") { return try json(words[0], option: option) }
            var elements: [JSONNode] = []
            for word in words { elements.append(try unpack([word], shape: model.shape(member), option: option)) }
            return .array(elements)
        case .integer, .long:
            let word = words.first ?? ""
            guard let number = Int64(word.trimmingWhitespace) else {
                throw .parameter("Error parsing parameter '\(option)': invalid literal for int() with base 10: '\(word)'")
            }
            return .number(String(number))
        case .boolean:
            return .bool(words.first?.lowercased() != "false")
        case .blob:
            return .string(Data((words.first ?? "").utf8).base64EncodedString())
        case .string, .timestamp:
            return .string(words.first ?? "")
        }
    }

    /// `text` as JSON, or the AWS CLI's error naming the option, where the JSON stops and what it received.
    func json(_ text: String, option: String) throws(CommandLineError) -> JSONNode {
        do {
            return try JSONNode(parsing: text)
        } catch {
            throw .parameter("Error parsing parameter '\(option)': Invalid JSON: \(Self.describe(error, in: text))\nJSON received: \(text)")
        }
    }

    /// Where a JSON text stops parsing, as Python's json module reports it: line, column, character.
    static func describe(_ error: JSONNode.ParseError, in text: String) -> String {
        let bytes = Array(text.utf8)
        let offset = min(error.offset, bytes.count)
        let before = bytes[..<offset]
        let line = before.filter { $0 == UInt8(ascii: "\n") }.count + 1
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
        let character = String(decoding: before, as: UTF8.self).count
        let found = offset < bytes.count ? "unexpected '\(String(decoding: [bytes[offset]], as: UTF8.self))'" : "unexpected end of input"
        return "\(found): line \(line) column \(column) (char \(character))"
    }
}
