import AWSWire
import Yams

/// YAML in and out (`--cli-input-yaml`, `--generate-cli-skeleton yaml-input`, `--output yaml`,
/// `gatehouse apply` and `export`), through the JSON tree: YAML's core types map to JSON's,
/// mappings keep their order.
public enum YAMLDocument {
    /// A document's JSON tree, and the line each of its values starts on.
    public struct Located: Sendable {
        public let json: JSONNode
        /// By path: `UserPools[0].Clients[1].ClientName`; 1-based.
        let lines: [String: Int]

        /// The line of the value at `path`, else of the nearest value that holds it.
        public func line(of path: String) -> Int? {
            var path = Substring(path)
            while true {
                if let line = lines[String(path)] { return line }
                guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return lines[""] }
                path = path[..<cut]
            }
        }
    }

    /// The JSON tree of a YAML (or JSON) file's text, with the line of every value.
    /// - Throws: a message naming the line, for text that is not YAML or holds what JSON cannot.
    public static func parseLocated(_ text: String) throws -> Located {
        guard let node = try Yams.compose(yaml: text) else { return Located(json: .null, lines: [:]) }
        var lines: [String: Int] = ["": node.mark?.line ?? 1]
        let json = try json(node, path: "") { path, node in lines[path] = node.mark.map { $0.line } }
        return Located(json: json, lines: lines)
    }

    /// The JSON tree of a YAML document.
    /// - Throws: ``CommandLineError/parameter(_:)`` naming `option` when the text is not YAML
    ///   or holds something JSON cannot (an alias cycle, a non-string key).
    static func parse(_ text: String, option: String) throws(CommandLineError) -> JSONNode {
        do {
            guard let node = try Yams.compose(yaml: text) else { return .null }
            return try json(node, path: "") { _, _ in }
        } catch {
            throw .parameter("Error parsing parameter '\(option)': Invalid YAML: \(error)")
        }
    }

    private struct UnsupportedYAML: Error, CustomStringConvertible {
        let description: String
    }

    /// `node` as JSON; `visit` sees the path of each value within (`Parent.Key`, `List[0]`) with
    /// the node that names it: a mapping's key, a list's element.
    private static func json(_ node: Node, path: String, visit: (String, Node) -> Void) throws -> JSONNode {
        switch node {
        case .mapping(let mapping):
            return .object(try mapping.map { key, value in
                guard let name = key.string else {
                    throw UnsupportedYAML(description: "a mapping key is not a string" + (key.mark.map { " (line \($0.line))" } ?? ""))
                }
                let valuePath = path.isEmpty ? name : path + "." + name
                visit(valuePath, key)
                return (name, try json(value, path: valuePath, visit: visit))
            })
        case .sequence(let sequence):
            return .array(try sequence.enumerated().map { index, element in
                visit("\(path)[\(index)]", element)
                return try json(element, path: "\(path)[\(index)]", visit: visit)
            })
        case .scalar(let scalar):
            if node.null != nil { return .null }
            if let bool = node.bool { return .bool(bool) }
            if let int = node.int { return .number(String(int)) }
            if let float = node.float, float.isFinite { return .number(String(float)) }
            return .string(scalar.string)
        case .alias:
            throw UnsupportedYAML(description: "aliases are not supported")
        }
    }

    /// `json` as a YAML document (block style, keys in order, strings quoted where YAML would
    /// read them as another type).
    public static func render(_ json: JSONNode) -> String {
        (try? Yams.serialize(node: node(json), allowUnicode: true)) ?? ""
    }

    /// Whether YAML would read the plain text `value` as a null (as it reads nothing), boolean or number.
    private static func readsAsAnotherType(_ value: String) -> Bool {
        let plain = Node(value)
        return value.isEmpty || plain.null != nil || plain.bool != nil || plain.int != nil || plain.float != nil
    }

    private static func node(_ json: JSONNode) -> Node {
        switch json {
        case .object(let pairs): Node(pairs.map { (Node($0.key, Tag(.str)), node($0.value)) })
        case .array(let elements): Node(elements.map(node))
        case .string(let value): Node(value, Tag(.str), readsAsAnotherType(value) ? .singleQuoted : .any)
        case .number(let value): Node(value, Tag(value.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) ? .float : .int))
        case .bool(let value): Node(value ? "true" : "false", Tag(.bool))
        case .null: Node("null", Tag(.null))
        }
    }
}
