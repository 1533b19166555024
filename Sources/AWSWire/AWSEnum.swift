/// A string enum of an AWS service model. Any string decodes, so an unknown value reaches validation
/// and is reported as "Member must satisfy enum value set: […]" instead of failing to decode.
public protocol AWSEnum: RawRepresentable, JSONCodable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible
where RawValue == String {
    init(rawValue: String)
    /// The model's values, in model order.
    static var allValues: [String] { get }
}

extension AWSEnum {
    public init(stringLiteral value: String) { self.init(rawValue: value) }
    public init(json: JSONNode) throws(JSONDecodeFailure) { self.init(rawValue: try String(json: json)) }
    @inlinable public func writeJSON(to writer: inout JSONWriter) { writer.string(rawValue) }
    public var description: String { rawValue }
    /// Whether the value is one the model lists.
    public var isKnown: Bool { Self.allValues.contains(rawValue) }
}
