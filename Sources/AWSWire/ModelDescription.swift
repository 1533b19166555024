/// A service model as data, for code that walks requests and responses by their shapes rather
/// than through generated types: the command line builds a request from its options with it,
/// prints help and skeletons from it. The generator emits one description per service model.
public struct ModelDescription: Sendable {
    /// The name requests are signed for and the endpoint's first label, e.g. `cognito-idp`.
    public let endpointPrefix: String
    /// The `X-Amz-Target` prefix, e.g. `AWSCognitoIdentityProviderService`.
    public let targetPrefix: String
    public let apiVersion: String
    /// Every operation, sorted by name.
    public let operations: [ModelOperation]
    /// Every shape, by name.
    public let shapes: [String: ModelShape]
    /// The botocore release the model came from, when the model says (the generator's input does;
    /// the generated description leaves it out).
    public let botocoreVersion: String?

    public init(endpointPrefix: String, targetPrefix: String, apiVersion: String,
                operations: [ModelOperation], shapes: [String: ModelShape], botocoreVersion: String? = nil) {
        self.endpointPrefix = endpointPrefix
        self.targetPrefix = targetPrefix
        self.apiVersion = apiVersion
        self.operations = operations
        self.shapes = shapes
        self.botocoreVersion = botocoreVersion
    }

    /// The shapes' names, sorted.
    public var shapeNames: [String] {
        shapes.keys.sorted()
    }

    /// The shape named `name`.
    /// - Precondition: the model has it (every name a description holds does).
    public func shape(_ name: String) -> ModelShape {
        guard let shape = shapes[name] else { preconditionFailure("no shape \(name) in the model description") }
        return shape
    }
}

/// One operation: its names and shapes.
public struct ModelOperation: Sendable {
    /// As `X-Amz-Target` carries it: `UpdateUserPool`.
    public let name: String
    /// As the AWS CLI names it (botocore's `xform_name` with `-`): `update-user-pool`.
    public let commandName: String
    public let input: String
    /// `nil` when the operation returns nothing.
    public let output: String?
    /// Whether callers sign with IAM credentials (SigV4); `false` for the model's `authtype: none`.
    public let requiresIAMAuthorization: Bool
    /// How a client pages through the results of a list operation (botocore's paginator).
    public let pagination: ModelPagination?

    public init(name: String, commandName: String, input: String, output: String?, requiresIAMAuthorization: Bool,
                pagination: ModelPagination? = nil) {
        self.name = name
        self.commandName = commandName
        self.input = input
        self.output = output
        self.requiresIAMAuthorization = requiresIAMAuthorization
        self.pagination = pagination
    }
}

/// A list operation's paging members: the token sent in and the one that comes back, the page
/// size and the list the pages add up.
public struct ModelPagination: Sendable {
    public let inputToken: String
    public let outputToken: String
    public let limitKey: String?
    public let resultKey: String

    public init(inputToken: String, outputToken: String, limitKey: String?, resultKey: String) {
        self.inputToken = inputToken
        self.outputToken = outputToken
        self.limitKey = limitKey
        self.resultKey = resultKey
    }
}

/// One member of a structure.
public struct ModelMember: Sendable {
    /// The JSON key: `UserPoolId`.
    public let name: String
    /// As the AWS CLI names the option of a top-level member (botocore's `xform_name`): `user-pool-id`.
    public let optionName: String
    public let shape: String
    public let isRequired: Bool

    public init(name: String, optionName: String, shape: String, isRequired: Bool) {
        self.name = name
        self.optionName = optionName
        self.shape = shape
        self.isRequired = isRequired
    }
}

/// One shape: its type and constraints.
public struct ModelShape: Sendable {
    public enum Kind: Sendable {
        /// Members in the model's order.
        case structure([ModelMember])
        case list(member: String)
        case map(key: String, value: String)
        case string
        case integer
        case long
        case boolean
        case timestamp
        case blob
        /// Free-form JSON.
        case document
    }

    public let kind: Kind
    public let min: Int?
    public let max: Int?
    public let pattern: String?
    /// The allowed values of an enum string.
    public let enumValues: [String]?
    public let isSensitive: Bool
    /// Whether the shape is an error the service answers with; a fault (`isFault`) is the service's
    /// own failure (HTTP 500), any other a client's (400).
    public let isException: Bool
    public let isFault: Bool

    public init(_ kind: Kind, min: Int? = nil, max: Int? = nil, pattern: String? = nil, enumValues: [String]? = nil,
                isSensitive: Bool = false, isException: Bool = false, isFault: Bool = false) {
        self.kind = kind
        self.min = min
        self.max = max
        self.pattern = pattern
        self.enumValues = enumValues
        self.isSensitive = isSensitive
        self.isException = isException
        self.isFault = isFault
    }

    /// The model's name of the shape's type: `structure`, `list`, `string`, `integer`, …
    public var typeName: String {
        switch kind {
        case .structure: "structure"
        case .list: "list"
        case .map: "map"
        case .string: "string"
        case .integer: "integer"
        case .long: "long"
        case .boolean: "boolean"
        case .timestamp: "timestamp"
        case .blob: "blob"
        case .document: "document"
        }
    }

    /// Whether values of this shape are written as one word (string, number, boolean, timestamp, blob).
    public var isScalar: Bool {
        switch kind {
        case .structure, .list, .map, .document: false
        case .string, .integer, .long, .boolean, .timestamp, .blob: true
        }
    }
}
