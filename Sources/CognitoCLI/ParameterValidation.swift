import AWSWire

/// botocore's `ParamValidator`, which checks a request before it is sent: every required member
/// given, no member the model does not know, each value of its shape's type (an integer may be a
/// boolean, as Python's `bool` is an `int`), and minimum lengths and values. It checks neither
/// maximums, patterns nor enums; the service does. Values are shown as Python shows them.
struct ParameterValidation {
    let model: ModelDescription

    /// botocore's report: one line per problem, or nothing when the request is valid.
    func problems(_ request: JSONNode, shape: String) -> [String] {
        var problems: [String] = []
        validate(request, shape: model.shape(shape), name: "", into: &problems)
        return problems
    }

    private func validate(_ value: JSONNode, shape: ModelShape, name: String, into problems: inout [String]) {
        switch shape.kind {
        case .structure(let members):
            guard case .object(let pairs) = value else { return invalidType(value, ["dict"], name, &problems) }
            for member in members where member.isRequired && !pairs.contains(where: { $0.key == member.name }) {
                problems.append("Missing required parameter in \(Self.display(name)): \"\(member.name)\"")
            }
            for pair in pairs where !members.contains(where: { $0.name == pair.key }) {
                problems.append("Unknown parameter in \(Self.display(name)): \"\(pair.key)\", must be one of: "
                    + members.map(\.name).joined(separator: ", "))
            }
            for pair in pairs {
                guard let member = members.first(where: { $0.name == pair.key }) else { continue }
                validate(pair.value, shape: model.shape(member.shape), name: "\(name).\(pair.key)", into: &problems)
            }
        case .list(let member):
            guard case .array(let elements) = value else { return invalidType(value, ["list", "tuple"], name, &problems) }
            checkMinimum(elements.count, shape, "Invalid length", "length", name, &problems)
            for (index, element) in elements.enumerated() {
                validate(element, shape: model.shape(member), name: "\(name)[\(index)]", into: &problems)
            }
        case .map(let key, let valueShape):
            guard case .object(let pairs) = value else { return invalidType(value, ["dict"], name, &problems) }
            for pair in pairs {
                validate(.string(pair.key), shape: model.shape(key), name: "\(name) (key: \(pair.key))", into: &problems)
                validate(pair.value, shape: model.shape(valueShape), name: "\(name).\(pair.key)", into: &problems)
            }
        case .string:
            guard case .string(let text) = value else { return invalidType(value, ["str"], name, &problems) }
            checkMinimum(text.unicodeScalars.count, shape, "Invalid length", "length", name, &problems)
        case .integer, .long:
            switch value {
            case .number(let text) where Int64(text) != nil:
                checkMinimum(Int(Int64(text)!), shape, "Invalid value", "value", name, &problems)
            case .bool(let flag):
                checkMinimum(flag ? 1 : 0, shape, "Invalid value", "value", name, &problems)
            default:
                invalidType(value, ["int"], name, &problems)
            }
        case .boolean:
            guard case .bool = value else { return invalidType(value, ["bool"], name, &problems) }
        case .blob, .timestamp, .document:
            break
        }
    }

    private func checkMinimum(_ amount: Int, _ shape: ModelShape, _ error: String, _ what: String, _ name: String,
                              _ problems: inout [String]) {
        guard let min = shape.min, amount < min else { return }
        problems.append("\(error) for parameter \(Self.display(name)), value: \(amount), valid min \(what): \(min)")
    }

    private func invalidType(_ value: JSONNode, _ types: [String], _ name: String, _ problems: inout [String]) {
        problems.append("Invalid type for parameter \(Self.display(name)), value: \(Self.python(value, quoted: false)), "
            + "type: <class '\(Self.pythonType(value))'>, valid types: " + types.map { "<class '\($0)'>" }.joined(separator: ", "))
    }

    /// botocore's names: `input` for the request itself, `Policies.PasswordPolicy` inside it.
    private static func display(_ name: String) -> String {
        name.isEmpty ? "input" : name.hasPrefix(".") ? String(name.dropFirst()) : name
    }

    /// The Python type a parsed JSON value has.
    private static func pythonType(_ value: JSONNode) -> String {
        switch value {
        case .object: "dict"
        case .array: "list"
        case .string: "str"
        case .number(let text): text.contains(where: { ".eE".contains($0) }) ? "float" : "int"
        case .bool: "bool"
        case .null: "NoneType"
        }
    }

    /// `str()` of a parsed JSON value (`repr()` inside containers, where strings are quoted).
    private static func python(_ value: JSONNode, quoted: Bool) -> String {
        switch value {
        case .object(let pairs): "{" + pairs.map { "'\($0.key)': " + python($0.value, quoted: true) }.joined(separator: ", ") + "}"
        case .array(let elements): "[" + elements.map { python($0, quoted: true) }.joined(separator: ", ") + "]"
        case .string(let text): quoted ? "'\(text)'" : text
        default: value.pythonText
        }
    }
}
