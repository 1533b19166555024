import AWSWire
import Yams

/// YAML in and out (`--cli-input-yaml`, `--generate-cli-skeleton yaml-input`, `--output yaml`),
/// through the JSON tree: YAML's core types map to JSON's, mappings keep their order.
enum YAMLDocument {
    /// The JSON tree of a YAML document.
    /// - Throws: ``CommandLineError/parameter(_:)`` naming `option` when the text is not YAML
    ///   or holds something JSON cannot (an alias cycle, a non-string key).
    static func parse(_ text: String, option: String) throws(CommandLineError) -> JSONNode {
        do {
            guard let node = try Yams.compose(yaml: text) else { return .null }
            return try json(node)
        } catch {
            throw .parameter("Error parsing parameter '\(option)': Invalid YAML: \(error)")
        }
    }

    private struct UnsupportedYAML: Error, CustomStringConvertible {
        let description: String
    }

    private static func json(_ node: Node) throws -> JSONNode {
        switch node {
        case .mapping(let mapping):
            return .object(try mapping.map { key, value in
                guard let name = key.string else { throw UnsupportedYAML(description: "a mapping key is not a string") }
                return (name, try json(value))
            })
        case .sequence(let sequence):
            return .array(try sequence.map(json))
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
    static func render(_ json: JSONNode) -> String {
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
