import AWSWire

/// `--query`: a JMESPath expression (https://jmespath.org/specification.html), parsed as
/// jmespath.py parses it (a Pratt parser with its binding powers) and evaluated on the response.
/// Supported: identifiers, sub-expressions, indexes and slices, list, object, flatten and filter
/// projections, multi-select lists and hashes, literals and raw strings, comparisons, `||`, `&&`,
/// `!`, pipes, `@`, and the functions `length`, `keys`, `values`, `sort`, `contains`,
/// `starts_with`, `ends_with`, `join` and `to_string`. Functions taking expression references
/// (`sort_by`, `max_by`, …) are not.
struct JMESPath {
    struct ParseError: Error, Equatable {
        let message: String
    }

    indirect enum Node {
        case current
        case field(String)
        case subexpression([Node])
        case index(Int)
        case slice(Int?, Int?, Int?)
        case indexExpression([Node])
        case projection(Node, Node)
        case valueProjection(Node, Node)
        case filterProjection(Node, Node, condition: Node)
        case flatten(Node)
        case multiSelectList([Node])
        case multiSelectHash([(String, Node)])
        case literal(JSONNode)
        case comparator(String, Node, Node)
        case or(Node, Node)
        case and(Node, Node)
        case not(Node)
        case pipe(Node, Node)
        case function(String, [Node])
    }

    let root: Node

    /// - Throws: ``ParseError`` naming what the expression has where it went wrong.
    init(_ expression: String) throws {
        var parser = Parser(tokens: try Lexer.tokens(expression), expression: expression)
        root = try parser.expression(0)
        guard parser.current.kind == .eof else { throw parser.unexpected() }
    }

    /// The expression's value for `json`; `nil` is JMESPath's null.
    func search(_ json: JSONNode) throws -> JSONNode? {
        try Self.evaluate(root, json)
    }

    // MARK: Evaluation

    private static func evaluate(_ node: Node, _ value: JSONNode?) throws -> JSONNode? {
        switch node {
        case .current:
            return value
        case .field(let name):
            guard case .object(let pairs)? = value else { return nil }
            return pairs.first { $0.key == name }?.value.nonNull
        case .subexpression(let nodes), .indexExpression(let nodes):
            var result = value
            for node in nodes { result = try evaluate(node, result) }
            return result
        case .index(let index):
            guard case .array(let elements)? = value else { return nil }
            let position = index < 0 ? elements.count + index : index
            return elements.indices.contains(position) ? elements[position].nonNull : nil
        case .slice(let start, let stop, let step):
            guard case .array(let elements)? = value else { return nil }
            return .array(try slice(elements, start, stop, step))
        case .projection(let left, let right):
            guard case .array(let elements)? = try evaluate(left, value) else { return nil }
            return .array(try elements.compactMap { try evaluate(right, $0) })
        case .valueProjection(let left, let right):
            guard case .object(let pairs)? = try evaluate(left, value) else { return nil }
            return .array(try pairs.compactMap { try evaluate(right, $0.value) })
        case .filterProjection(let left, let right, let condition):
            guard case .array(let elements)? = try evaluate(left, value) else { return nil }
            return .array(try elements.filter { isTrue(try evaluate(condition, $0)) }.compactMap { try evaluate(right, $0) })
        case .flatten(let child):
            guard case .array(let elements)? = try evaluate(child, value) else { return nil }
            return .array(elements.flatMap { element -> [JSONNode] in
                if case .array(let inner) = element { return inner }
                return [element]
            })
        case .multiSelectList(let nodes):
            guard value != nil else { return nil }
            return .array(try nodes.map { try evaluate($0, value) ?? .null })
        case .multiSelectHash(let pairs):
            guard value != nil else { return nil }
            return .object(try pairs.map { ($0.0, try evaluate($0.1, value) ?? .null) })
        case .literal(let literal):
            return literal.nonNull
        case .comparator(let operation, let left, let right):
            return compare(operation, try evaluate(left, value), try evaluate(right, value))
        case .or(let left, let right):
            let first = try evaluate(left, value)
            return isTrue(first) ? first : try evaluate(right, value)
        case .and(let left, let right):
            let first = try evaluate(left, value)
            return isTrue(first) ? try evaluate(right, value) : first
        case .not(let child):
            return .bool(!isTrue(try evaluate(child, value)))
        case .pipe(let left, let right):
            return try evaluate(right, try evaluate(left, value))
        case .function(let name, let arguments):
            return try call(name, try arguments.map { try evaluate($0, value) })
        }
    }

    /// JMESPath's truth: everything but null, false, and empty strings, lists and objects.
    private static func isTrue(_ value: JSONNode?) -> Bool {
        switch value {
        case nil, .null?, .bool(false)?: false
        case .string(let text)?: !text.isEmpty
        case .array(let elements)?: !elements.isEmpty
        case .object(let pairs)?: !pairs.isEmpty
        default: true
        }
    }

    private static func compare(_ operation: String, _ left: JSONNode?, _ right: JSONNode?) -> JSONNode? {
        switch operation {
        case "==": return .bool(equal(left, right))
        case "!=": return .bool(!equal(left, right))
        default:
            guard case .number(let a)? = left, case .number(let b)? = right, let x = Double(a), let y = Double(b) else { return nil }
            switch operation {
            case "<": return .bool(x < y)
            case "<=": return .bool(x <= y)
            case ">": return .bool(x > y)
            default: return .bool(x >= y)
            }
        }
    }

    /// Deep equality; numbers by value, objects regardless of key order.
    private static func equal(_ left: JSONNode?, _ right: JSONNode?) -> Bool {
        switch (left ?? .null, right ?? .null) {
        case (.number(let a), .number(let b)): Double(a) == Double(b)
        case (.array(let a), .array(let b)): a.count == b.count && zip(a, b).allSatisfy { equal($0, $1) }
        case (.object(let a), .object(let b)):
            a.count == b.count && a.allSatisfy { pair in b.contains { $0.key == pair.key && equal($0.value, pair.value) } }
        case (let a, let b): a == b
        }
    }

    /// Python's slicing of a list.
    private static func slice(_ elements: [JSONNode], _ start: Int?, _ stop: Int?, _ step: Int?) throws -> [JSONNode] {
        let step = step ?? 1
        guard step != 0 else { throw ParseError(message: "Invalid slice expression: step cannot be 0") }
        let count = elements.count
        func clamp(_ index: Int?, _ fallback: Int) -> Int {
            guard var index else { return fallback }
            if index < 0 { index += count }
            return step > 0 ? min(max(index, 0), count) : min(max(index, -1), count - 1)
        }
        var result: [JSONNode] = []
        var index = clamp(start, step > 0 ? 0 : count - 1)
        let end = clamp(stop, step > 0 ? count : -1)
        while step > 0 ? index < end : index > end {
            result.append(elements[index])
            index += step
        }
        return result
    }

    private static func call(_ name: String, _ arguments: [JSONNode?]) throws -> JSONNode? {
        func argument(_ index: Int) -> JSONNode { arguments.indices.contains(index) ? arguments[index] ?? .null : .null }
        func invalid() -> ParseError { ParseError(message: "invalid type or number of arguments for \(name)()") }
        switch (name, arguments.count) {
        case ("length", 1):
            switch argument(0) {
            case .string(let text): return .number(String(text.unicodeScalars.count))
            case .array(let elements): return .number(String(elements.count))
            case .object(let pairs): return .number(String(pairs.count))
            default: throw invalid()
            }
        case ("keys", 1):
            guard case .object(let pairs) = argument(0) else { throw invalid() }
            return .array(pairs.map { .string($0.key) })
        case ("values", 1):
            guard case .object(let pairs) = argument(0) else { throw invalid() }
            return .array(pairs.map(\.value))
        case ("sort", 1):
            guard case .array(let elements) = argument(0) else { throw invalid() }
            if elements.allSatisfy({ if case .string = $0 { true } else { false } }) {
                return .array(elements.sorted { codePointOrder($0.pythonText, $1.pythonText) })
            }
            guard elements.allSatisfy({ if case .number = $0 { true } else { false } }) else { throw invalid() }
            return .array(elements.sorted { Double($0.pythonText) ?? 0 < Double($1.pythonText) ?? 0 })
        case ("contains", 2):
            switch argument(0) {
            case .array(let elements): return .bool(elements.contains { equal($0, argument(1)) })
            case .string(let text):
                guard case .string(let part) = argument(1) else { throw invalid() }
                return .bool(text.contains(part))
            default: throw invalid()
            }
        case ("starts_with", 2), ("ends_with", 2):
            guard case .string(let text) = argument(0), case .string(let part) = argument(1) else { throw invalid() }
            return .bool(name == "starts_with" ? text.hasPrefix(part) : text.hasSuffix(part))
        case ("join", 2):
            guard case .string(let glue) = argument(0), case .array(let elements) = argument(1) else { throw invalid() }
            return .string(elements.map(\.pythonText).joined(separator: glue))
        case ("to_string", 1):
            if case .string = argument(0) { return argument(0) }
            return .string(JSONOutput.compact(argument(0), spaced: false))
        default:
            throw ParseError(message: "Unknown function: \(name)()")
        }
    }
}

extension JSONNode {
    /// The value, or `nil` for JSON's null (JMESPath treats a missing member and null alike).
    var nonNull: JSONNode? { self == .null ? nil : self }
}
