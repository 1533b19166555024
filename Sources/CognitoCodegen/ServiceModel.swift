import AWSWire

/// The parts of a botocore service model (`service-2.json`) that code is generated from.
/// Member order is the model's: AWS validates and encodes in that order.
public struct ServiceModel {
    public struct Member {
        public let name: String
        public let shape: String
    }

    public enum Kind {
        case structure(members: [Member], required: Set<String>)
        case list(member: String)
        case map(key: String, value: String)
        case string
        case integer
        case long
        case boolean
        case timestamp
        case blob
        case document
    }

    public struct Shape {
        public let name: String
        public let kind: Kind
        public let min: Int?
        public let max: Int?
        public let pattern: String?
        public let enumValues: [String]?
        public let sensitive: Bool
        public let isException: Bool
        public let isFault: Bool
    }

    public struct Operation {
        public let name: String
        public let input: String
        public let output: String?
        /// `authtype: none`: the operation is not SigV4-signed (authorized by client id, token or session).
        public let isUnsigned: Bool
        /// How a client pages through the results, for the operations botocore's paginators name.
        public let pagination: Pagination?
    }

    /// One entry of botocore's `paginators-1.json`: the members that carry the page token in and out,
    /// the page-size member and the list that pages add up.
    public struct Pagination {
        public let inputToken: String
        public let outputToken: String
        public let limitKey: String?
        public let resultKey: String
    }

    public let targetPrefix: String
    /// The signing name and the endpoint's first label: `cognito-idp`.
    public let endpointPrefix: String
    public let apiVersion: String
    public let botocoreVersion: String?
    /// Every shape, by name; `shapeNames` gives them sorted.
    public let shapes: [String: Shape]
    public let shapeNames: [String]
    /// Every operation, sorted by name.
    public let operations: [Operation]

    public struct LoadError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads the JSON text of a botocore model and, when given, of its paginator configuration.
    public init(jsonText: String, paginatorsText: String? = nil) throws {
        let root = try JSONNode(parsing: jsonText)
        let paginators = try paginatorsText.map { try JSONNode(parsing: $0)["pagination"] } ?? nil
        guard let metadata = root["metadata"], let shapes = root["shapes"]?.pairs,
              let operations = root["operations"]?.pairs else {
            throw LoadError(description: "metadata, shapes and operations are required")
        }
        targetPrefix = metadata["targetPrefix"]?.string ?? ""
        endpointPrefix = metadata["endpointPrefix"]?.string ?? ""
        apiVersion = metadata["apiVersion"]?.string ?? ""
        botocoreVersion = metadata["botocoreVersion"]?.string
        var parsed: [String: Shape] = [:]
        for (name, body) in shapes { parsed[name] = try Self.shape(named: name, body) }
        self.shapes = parsed
        shapeNames = parsed.keys.sorted()
        self.operations = try operations.sorted { $0.key < $1.key }.map { name, body in
            guard let input = body["input"]?["shape"]?.string else {
                throw LoadError(description: "operation \(name) has no input")
            }
            return Operation(name: name, input: input, output: body["output"]?["shape"]?.string,
                             isUnsigned: body["authtype"]?.string == "none", pagination: try paginators?[name].map(Self.pagination))
        }
    }

    public func shape(_ name: String) -> Shape {
        guard let shape = shapes[name] else { preconditionFailure("the model references an unknown shape \(name)") }
        return shape
    }

    /// One operation's paginator; only single tokens and a single result key (all this model has).
    private static func pagination(_ body: JSONNode) throws -> Pagination {
        guard let inputToken = body["input_token"]?.string, let outputToken = body["output_token"]?.string,
              let resultKey = body["result_key"]?.string else {
            throw LoadError(description: "a paginator without a single input token, output token and result key")
        }
        return Pagination(inputToken: inputToken, outputToken: outputToken, limitKey: body["limit_key"]?.string,
                          resultKey: resultKey)
    }

    private static func shape(named name: String, _ body: JSONNode) throws -> Shape {
        let kind: Kind
        switch body["type"]?.string {
        case "structure" where body["document"]?.bool == true:
            kind = .document
        case "structure":
            let members = (body["members"]?.pairs ?? []).map { Member(name: $0.key, shape: $0.value["shape"]?.string ?? "") }
            kind = .structure(members: members, required: Set((body["required"]?.array ?? []).compactMap(\.string)))
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
        return Shape(name: name, kind: kind, min: body["min"]?.int, max: body["max"]?.int,
                     pattern: body["pattern"]?.string, enumValues: body["enum"]?.array?.compactMap(\.string),
                     sensitive: body["sensitive"]?.bool ?? false,
                     isException: body["exception"]?.bool ?? false, isFault: body["fault"]?.bool ?? false)
    }
}
