import AWSWire

/// What `--generate-cli-skeleton` prints: a value of every member of a shape, as botocore's
/// `ArgumentGenerator` makes it. For input, strings are empty, numbers 0, booleans true,
/// timestamps the epoch, blobs null, a list has one element, a map one key `KeyName`, and a
/// structure already being filled in (a recursive shape) is `{}`. An enum takes its first value
/// (botocore picks one at random). For output, strings hold their member's name and list
/// elements their shape's name.
struct Skeleton {
    let model: ModelDescription
    let usesMemberNames: Bool

    func value(of shapeName: String) -> JSONNode {
        var stack: [String] = []
        return value(of: shapeName, name: "", stack: &stack)
    }

    private func value(of shapeName: String, name: String, stack: inout [String]) -> JSONNode {
        stack.append(shapeName)
        defer { stack.removeLast() }
        let shape = model.shape(shapeName)
        switch shape.kind {
        case .structure(let members):
            guard stack.filter({ $0 == shapeName }).count == 1 else { return .object([]) }
            return .object(members.map { ($0.name, value(of: $0.shape, name: $0.name, stack: &stack)) })
        case .list(let member):
            return .array([value(of: member, name: usesMemberNames ? member : "", stack: &stack)])
        case .map(_, let valueShape):
            return .object([("KeyName", value(of: valueShape, name: "", stack: &stack))])
        case .string:
            if usesMemberNames { return .string(name) }
            return .string(shape.enumValues?.first ?? "")
        case .integer, .long: return .number("0")
        case .boolean: return .bool(true)
        case .timestamp: return .string("1970-01-01T00:00:00")
        case .document: return .object([])
        case .blob: return .null
        }
    }
}
