import AWSWire

/// Gives parsed shorthand (strings, lists, objects) the model's types, as awscli's
/// `BackCompatVisitor` does: integers from their digits, `true`/`false` (any case) as booleans,
/// a single value where the model wants a list as a one-element list (left as it is inside).
/// Keys the model does not know are left for the service to refuse.
struct ShorthandTyping {
    let model: ModelDescription

    struct TypeError: Error, Equatable {
        let message: String
    }

    /// - Throws: ``TypeError`` for a number that is not one, and
    ///   ``ShorthandParser/ParseError`` for a document member, which shorthand cannot type.
    func typed(_ value: JSONNode, shape: ModelShape) throws -> JSONNode {
        switch (shape.kind, value) {
        case (.structure(let members), .object(let pairs)):
            var typedPairs = pairs
            for (index, pair) in pairs.enumerated() {
                guard let member = members.first(where: { $0.name == pair.key }) else { continue }
                let memberShape = model.shape(member.shape)
                if case .document = memberShape.kind {
                    throw ShorthandParser.ParseError(message: "Shorthand syntax does not support document types. Use JSON input for top-level argument to specify nested parameter: \(member.name)")
                }
                typedPairs[index].value = try typed(pair.value, shape: memberShape)
            }
            return .object(typedPairs)
        case (.list(let member), .array(let elements)):
            var typedElements: [JSONNode] = []
            for element in elements { typedElements.append(try typed(element, shape: model.shape(member))) }
            return .array(typedElements)
        case (.list, _):
            return .array([value])
        case (.map(_, let valueShape), .object(let pairs)):
            var typedPairs: [(key: String, value: JSONNode)] = []
            for pair in pairs { typedPairs.append((pair.key, try typed(pair.value, shape: model.shape(valueShape)))) }
            return .object(typedPairs)
        case (.integer, .string(let text)), (.long, .string(let text)):
            guard let number = Int64(text.trimmingWhitespace) else {
                throw TypeError(message: "invalid literal for int() with base 10: '\(text)'")
            }
            return .number(String(number))
        case (.integer, .array), (.long, .array):
            throw TypeError(message: "int() argument must be a string, a bytes-like object or a real number, not 'list'")
        case (.boolean, .string(let text)) where ["true", "false"].contains(text.lowercased()):
            return .bool(text.lowercased() == "true")
        default:
            return value
        }
    }
}
