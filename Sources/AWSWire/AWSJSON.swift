import Foundation

/// The JSON coding of the AWS JSON 1.1 protocol: model member names as keys, timestamps as epoch
/// seconds (with milliseconds), blobs as base64, null members omitted.
public enum AWSJSON {
    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }()

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()

    /// Decodes a request body. An empty body is read as `{}`.
    /// - Throws: `SerializationException` for invalid UTF-8, malformed JSON, a body that is not a JSON
    ///   object, or a member of the wrong type (the message names the member's path).
    public static func decodeRequest<T: Decodable>(_ type: T.Type, from body: Data) throws(AWSServiceError) -> T {
        let body = body.isEmpty ? Data("{}".utf8) : body
        guard String(validating: body, as: UTF8.self) != nil else {
            throw .serialization("The request body is not valid UTF-8.")
        }
        do {
            return try decoder.decode(type, from: body)
        } catch let error as DecodingError {
            throw serializationError(error)
        } catch {
            throw .serialization("The request body is not valid JSON.")
        }
    }

    /// Decodes a value this server wrote itself (a stored document).
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try decoder.decode(type, from: data)
    }

    /// Encodes a response or a stored document.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        try encoder.encode(value)
    }

    static func serializationError(_ error: DecodingError) -> AWSServiceError {
        switch error {
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            if context.codingPath.isEmpty { return .serialization("The request body must be a JSON object.") }
            return .serialization("Unexpected value at '\(render(context.codingPath))': expected \(typeWord(type)).")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return .serialization("The request body is not valid JSON.") }
            return .serialization("Unexpected value at '\(render(context.codingPath))': \(context.debugDescription)")
        case .keyNotFound(let key, let context):
            return .serialization("Missing member '\(render(context.codingPath + [key]))'.")
        @unknown default:
            return .serialization("The request body is not valid JSON.")
        }
    }

    /// `Policies.PasswordPolicy.MinimumLength`, `AutoVerifiedAttributes[0]`.
    static func render(_ path: [any CodingKey]) -> String {
        path.reduce(into: "") { text, key in
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
    }

    /// The model's word for the type a member should have had.
    static func typeWord(_ type: Any.Type) -> String {
        switch ObjectIdentifier(type) {
        case ObjectIdentifier(String.self): "string"
        case ObjectIdentifier(Int.self), ObjectIdentifier(Int32.self): "integer"
        case ObjectIdentifier(Int64.self): "long"
        case ObjectIdentifier(Bool.self): "boolean"
        case ObjectIdentifier(Double.self), ObjectIdentifier(Float.self): "number"
        case ObjectIdentifier([Any].self): "list"
        default: "structure"
        }
    }
}
