import AWSWire

/// Emits the model as data (`ServiceDescription.swift`): every operation with its AWS CLI command
/// name (and its paginator, if it has one), and every shape but the exceptions with its members (and their AWS CLI option names) and
/// constraints, for code that works from shapes at run time, such as the command line.
struct DescriptionGenerator {
    let model: ModelDescription

    func source() -> String {
        var lines = [
            "/// The service model as data: operations, shapes and their AWS CLI names.",
            "public enum ServiceDescription {",
            "    public static let model = ModelDescription(",
            "        endpointPrefix: \(SwiftNames.literal(model.endpointPrefix)), targetPrefix: \(SwiftNames.literal(model.targetPrefix)),",
            "        apiVersion: \(SwiftNames.literal(model.apiVersion)), operations: operations, shapes: shapes)",
            "",
            "    static let operations: [ModelOperation] = [",
        ]
        for operation in model.operations {
            let output = operation.output.map(SwiftNames.literal) ?? "nil"
            var arguments = "name: \"\(operation.name)\", commandName: \"\(operation.commandName)\", "
                + "input: \"\(operation.input)\", output: \(output), requiresIAMAuthorization: \(operation.requiresIAMAuthorization)"
            if let paging = operation.pagination {
                arguments += ",\n            pagination: ModelPagination(inputToken: \"\(paging.inputToken)\", outputToken: \"\(paging.outputToken)\", "
                    + "limitKey: \(paging.limitKey.map(SwiftNames.literal) ?? "nil"), resultKey: \"\(paging.resultKey)\")"
            }
            lines.append("        ModelOperation(\(arguments)),")
        }
        lines += ["    ]", "", "    static let shapes: [String: ModelShape] = {", "        var shapes: [String: ModelShape] = [:]"]
        for name in model.shapeNames where !model.shape(name).isException {
            lines.append("        shapes[\"\(name)\"] = \(shape(model.shape(name)))")
        }
        lines += ["        return shapes", "    }()", "}"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// A `ModelShape(...)` expression for `shape`, naming only the constraints it has.
    func shape(_ shape: ModelShape) -> String {
        var arguments = [kind(shape.kind)]
        if let min = shape.min { arguments.append("min: \(min)") }
        if let max = shape.max { arguments.append("max: \(max)") }
        if let pattern = shape.pattern { arguments.append("pattern: \(SwiftNames.literal(pattern))") }
        if let values = shape.enumValues { arguments.append("enumValues: [\(values.map(SwiftNames.literal).joined(separator: ", "))]") }
        if shape.isSensitive { arguments.append("isSensitive: true") }
        return "ModelShape(\(arguments.joined(separator: ", ")))"
    }

    func kind(_ kind: ModelShape.Kind) -> String {
        switch kind {
        case .structure(let members):
            let described = members.map { member in
                "ModelMember(name: \"\(member.name)\", optionName: \"\(member.optionName)\", "
                    + "shape: \"\(member.shape)\", isRequired: \(member.isRequired))"
            }
            return ".structure([\(described.joined(separator: ", "))])"
        case .list(let member): return ".list(member: \"\(member)\")"
        case .map(let key, let value): return ".map(key: \"\(key)\", value: \"\(value)\")"
        case .string: return ".string"
        case .integer: return ".integer"
        case .long: return ".long"
        case .boolean: return ".boolean"
        case .timestamp: return ".timestamp"
        case .blob: return ".blob"
        case .document: return ".document"
        }
    }
}
