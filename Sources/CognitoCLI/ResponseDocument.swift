import AWSWire

/// A response as the AWS CLI shows it: the members the model knows, in the model's order, without
/// `null`s; values as they came (timestamps as epoch seconds, blobs as base64).
enum ResponseDocument {
    /// `json` reordered by `shape`.
    static func ordered(_ json: JSONNode, shape: ModelShape, model: ModelDescription) -> JSONNode {
        switch (shape.kind, json) {
        case (.structure(let members), .object(let pairs)):
            return .object(members.compactMap { member in
                guard let value = pairs.first(where: { $0.key == member.name })?.value, value != .null else { return nil }
                return (member.name, ordered(value, shape: model.shape(member.shape), model: model))
            })
        case (.list(let member), .array(let elements)):
            return .array(elements.map { ordered($0, shape: model.shape(member), model: model) })
        case (.map(_, let value), .object(let pairs)):
            return .object(pairs.filter { $0.value != .null }.map { ($0.key, ordered($0.value, shape: model.shape(value), model: model)) })
        default:
            return json
        }
    }
}
