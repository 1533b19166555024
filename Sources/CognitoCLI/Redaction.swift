import AWSWire

/// A request or response with the values of the model's sensitive shapes (passwords, tokens,
/// codes, secrets) replaced by `***`, for `--debug`, which must not print them.
enum Redaction {
    static func redacted(_ json: JSONNode, shape: ModelShape, model: ModelDescription) -> JSONNode {
        if shape.isSensitive { return .string("***") }
        switch (shape.kind, json) {
        case (.structure(let members), .object(let pairs)):
            return .object(pairs.map { pair in
                guard let member = members.first(where: { $0.name == pair.key }) else { return pair }
                return (pair.key, redacted(pair.value, shape: model.shape(member.shape), model: model))
            })
        case (.list(let member), .array(let elements)):
            return .array(elements.map { redacted($0, shape: model.shape(member), model: model) })
        case (.map(_, let value), .object(let pairs)):
            return .object(pairs.map { ($0.key, redacted($0.value, shape: model.shape(value), model: model)) })
        default:
            return json
        }
    }
}
