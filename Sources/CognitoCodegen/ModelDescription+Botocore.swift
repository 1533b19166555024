import AWSWire

extension ModelDescription {
    /// Why a botocore model could not be read.
    public struct LoadError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads the JSON text of a botocore model (`service-2.json`) and, when given, of its paginator
    /// configuration: the one description the generator writes code from and the generated
    /// `ServiceDescription` hands to the runtime. Member order is the model's: AWS validates and
    /// encodes in that order. The AWS CLI's names of operations and members are botocore's
    /// `xform_name` with `-` (``CommandNames``).
    public init(botocoreJSON jsonText: String, paginators paginatorsText: String? = nil) throws {
        let root = try JSONNode(parsing: jsonText)
        let paginators = try paginatorsText.map { try JSONNode(parsing: $0)["pagination"] } ?? nil
        guard let metadata = root["metadata"], let shapes = root["shapes"]?.pairs,
              let operations = root["operations"]?.pairs else {
            throw LoadError(description: "metadata, shapes and operations are required")
        }
        var parsed: [String: ModelShape] = [:]
        for (name, body) in shapes { parsed[name] = try Self.shape(named: name, body) }
        let described = try operations.sorted { $0.key < $1.key }.map { name, body in
            guard let input = body["input"]?["shape"]?.string else {
                throw LoadError(description: "operation \(name) has no input")
            }
            return ModelOperation(name: name, commandName: CommandNames.kebab(name), input: input, output: body["output"]?["shape"]?.string,
                                  requiresIAMAuthorization: body["authtype"]?.string != "none",
                                  pagination: try paginators?[name].map(Self.pagination))
        }
        self.init(endpointPrefix: metadata["endpointPrefix"]?.string ?? "", targetPrefix: metadata["targetPrefix"]?.string ?? "",
                  apiVersion: metadata["apiVersion"]?.string ?? "", operations: described, shapes: parsed,
                  botocoreVersion: metadata["botocoreVersion"]?.string)
    }

    /// One operation's paginator; only single tokens and a single result key (all this model has).
    private static func pagination(_ body: JSONNode) throws -> ModelPagination {
        guard let inputToken = body["input_token"]?.string, let outputToken = body["output_token"]?.string,
              let resultKey = body["result_key"]?.string else {
            throw LoadError(description: "a paginator without a single input token, output token and result key")
        }
        return ModelPagination(inputToken: inputToken, outputToken: outputToken, limitKey: body["limit_key"]?.string,
                               resultKey: resultKey)
    }

    private static func shape(named name: String, _ body: JSONNode) throws -> ModelShape {
        let kind: ModelShape.Kind
        switch body["type"]?.string {
        case "structure" where body["document"]?.bool == true:
            kind = .document
        case "structure":
            let required = Set((body["required"]?.array ?? []).compactMap(\.string))
            kind = .structure((body["members"]?.pairs ?? []).map { member in
                ModelMember(name: member.key, optionName: CommandNames.kebab(member.key), shape: member.value["shape"]?.string ?? "",
                            isRequired: required.contains(member.key))
            })
        case "list": kind = .list(member: body["member"]?["shape"]?.string ?? "")
        case "map": kind = .map(key: body["key"]?["shape"]?.string ?? "", value: body["value"]?["shape"]?.string ?? "")
        case "string": kind = .string
        case "integer": kind = .integer
        case "long": kind = .long
        case "boolean": kind = .boolean
        case "timestamp": kind = .timestamp
        case "blob": kind = .blob
        case let other: throw LoadError(description: "shape \(name) has an unsupported type \(other ?? "nil")")
        }
        return ModelShape(kind, min: body["min"]?.int, max: body["max"]?.int, pattern: body["pattern"]?.string,
                          enumValues: body["enum"]?.array?.compactMap(\.string), isSensitive: body["sensitive"]?.bool ?? false,
                          isException: body["exception"]?.bool ?? false, isFault: body["fault"]?.bool ?? false)
    }
}
