/// Any JSON value: the model's `document` shapes (free-form JSON members).
public enum JSONValue: JSONCodable, Sendable, Equatable, CustomStringConvertible {
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    public init(json: JSONNode) throws(JSONDecodeFailure) {
        switch json {
        case .object(let members):
            var object: [String: JSONValue] = [:]
            for (key, value) in members { object[key] = try JSONValue(json: value) }
            self = .object(object)
        case .array(let items):
            var array: [JSONValue] = []
            for item in items { array.append(try JSONValue(json: item)) }
            self = .array(array)
        case .string(let value): self = .string(value)
        case .number: self = .number(try Double(json: json))
        case .bool(let value): self = .bool(value)
        case .null: self = .null
        }
    }

    public func writeJSON(to writer: inout JSONWriter) {
        switch self {
        case .object(let value): value.writeJSON(to: &writer)
        case .array(let value): value.writeJSON(to: &writer)
        case .string(let value): writer.string(value)
        case .number(let value): value.writeJSON(to: &writer)
        case .bool(let value): value.writeJSON(to: &writer)
        case .null: writer.null()
        }
    }

    public var description: String {
        var writer = JSONWriter()
        writeJSON(to: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
