import AWSWire

/// The operations Gatehouse implements, by name: each decodes its generated input type, runs the
/// generated constraint checks, calls the hand-written operation and encodes its output.
/// An operation of the model that is not registered answers `NotImplementedException`.
public struct OperationRegistry: Sendable {
    typealias Handler = @Sendable ([UInt8], CallContext) async throws -> [UInt8]
    private var handlers: [String: Handler] = [:]

    public init() {}

    /// Adds an operation. Registering the same operation twice is a programming error.
    public mutating func register<Operation: AWSOperation>(
        _ operation: Operation.Type,
        _ body: @escaping @Sendable (Operation.Input, CallContext) async throws -> Operation.Output
    ) {
        precondition(handlers[Operation.name] == nil, "\(Operation.name) registered twice")
        handlers[Operation.name] = { data, context in
            let input = try AWSJSON.decodeRequest(Operation.Input.self, from: data)
            try input.validateRequest()
            return AWSJSON.encode(try await body(input, context))
        }
    }

    /// The names of the registered operations, sorted.
    public var implementedOperations: [String] {
        handlers.keys.sorted()
    }

    func handler(for name: String) -> Handler? {
        handlers[name]
    }
}
