import AWSWire

/// `--output text`, as awscli's `text.format_text` writes it: a structure's scalar members on one
/// tab-separated line (keys sorted, prefixed by the upper-cased name of the member holding it),
/// then each non-scalar member under its own name; a list of structures one line per element with
/// the columns every element shares.
enum TextOutput {
    static func render(_ json: JSONNode) -> String {
        var text = ""
        format(json, identifier: nil, scalarKeys: nil, to: &text)
        return text
    }

    private static func format(_ json: JSONNode, identifier: String?, scalarKeys: [String]?, to text: inout String) {
        switch json {
        case .object(let pairs):
            let (scalars, nonScalars) = partition(pairs, scalarKeys: scalarKeys)
            if !scalars.isEmpty {
                text += ((identifier.map { [$0.uppercased()] } ?? []) + scalars).joined(separator: "\t") + "\n"
            }
            for (key, value) in nonScalars { format(value, identifier: key, scalarKeys: nil, to: &text) }
        case .array(let elements) where elements.isEmpty:
            break
        case .array(let elements) where elements.contains(where: \.isObject):
            var keys: Set<String> = []
            for case .object(let pairs) in elements { keys.formUnion(pairs.filter { !$0.value.isContainer }.map(\.key)) }
            let sortedKeys = keys.sorted(by: codePointOrder)
            for element in elements { format(element, identifier: identifier, scalarKeys: sortedKeys, to: &text) }
        case .array(let elements) where elements.contains(where: \.isArray):
            let scalars = elements.filter { !$0.isContainer }
            if !scalars.isEmpty { scalarList(scalars, identifier: identifier, to: &text) }
            for element in elements where element.isContainer { format(element, identifier: identifier, scalarKeys: nil, to: &text) }
        case .array(let elements):
            scalarList(elements, identifier: identifier, to: &text)
        default:
            text += json.pythonText + "\n"
        }
    }

    private static func scalarList(_ elements: [JSONNode], identifier: String?, to text: inout String) {
        if let identifier {
            for element in elements { text += "\(identifier.uppercased())\t\(element.pythonText)\n" }
        } else {
            text += elements.map(\.pythonText).joined(separator: "\t") + "\n"
        }
    }

    /// The scalar values (of `scalarKeys` when given, blank where missing; else every scalar
    /// member, keys sorted) and the other members, keys sorted.
    private static func partition(_ pairs: [(key: String, value: JSONNode)], scalarKeys: [String]?)
        -> (scalars: [String], nonScalars: [(String, JSONNode)]) {
        let value = { (key: String) in pairs.first { $0.key == key }!.value }
        guard let scalarKeys else {
            let (scalars, containers) = scalarAndContainerKeys(pairs)
            return (scalars.map { value($0).pythonText }, containers.map { ($0, value($0)) })
        }
        let scalars = scalarKeys.map { key in pairs.first { $0.key == key }.map { $0.value.pythonText } ?? "" }
        let rest = pairs.map(\.key).filter { !scalarKeys.contains($0) }.sorted(by: codePointOrder)
        return (scalars, rest.map { ($0, value($0)) })
    }

}
