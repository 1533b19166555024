import Foundation

/// The JSON coding of the AWS JSON 1.1 protocol: model member names as keys in model order,
/// timestamps as epoch seconds (with milliseconds), blobs as base64, null members omitted.
public enum AWSJSON {
    /// Decodes a request body. An empty body is read as `{}`.
    /// - Throws: `SerializationException` for invalid UTF-8, malformed JSON, a body that is not a JSON
    ///   object, or a member of the wrong type (the message names the member's path).
    public static func decodeRequest<T: JSONDecodable>(_ type: T.Type, from body: [UInt8]) throws(AWSServiceError) -> T {
        guard !body.isEmpty else { return try decodeRequest(type, from: Array("{}".utf8)) }
        guard String(validating: body, as: UTF8.self) != nil else {
            throw .serialization("The request body is not valid UTF-8.")
        }
        let node: JSONNode
        do {
            node = try JSONNode(parsing: body)
        } catch {
            throw .serialization("The request body is not valid JSON.")
        }
        guard case .object = node else { throw .serialization("The request body must be a JSON object.") }
        do {
            return try T(json: node)
        } catch {
            throw .serialization("Unexpected value at '\(error.path)': expected \(error.expected).")
        }
    }

    /// Decodes a value this server wrote itself (a stored document).
    public static func decode<T: JSONDecodable>(_ type: T.Type, from data: Data) throws -> T {
        try T(json: JSONNode(parsing: Array(data)))
    }

    /// The JSON bytes of a value.
    public static func encode<T: JSONEncodable>(_ value: T) -> [UInt8] {
        var writer = JSONWriter()
        value.writeJSON(to: &writer)
        return writer.bytes
    }
}
