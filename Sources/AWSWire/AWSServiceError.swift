/// An error as the AWS JSON protocol sends it: `{"__type": type, "message": message}` with `status`.
///
/// The model's exceptions are generated as static constructors in `CognitoModel`; the protocol-level
/// errors that no model lists (unknown operation, malformed body, …) are defined here.
public struct AWSServiceError: Error, Sendable, Equatable {
    /// The exception's shape name, e.g. `InvalidParameterException`.
    public let type: String
    public let message: String
    /// The HTTP status: 400 for client errors, 500 for faults, 413 for an oversize body.
    public let status: Int

    public init(type: String, message: String, status: Int) {
        self.type = type
        self.message = message
        self.status = status
    }
}

extension AWSServiceError {
    /// The `X-Amz-Target` header names no operation of the service, or is missing.
    public static func unknownOperation(_ message: String) -> AWSServiceError {
        AWSServiceError(type: "UnknownOperationException", message: message, status: 400)
    }

    /// The body is not a JSON object of the input shape (syntax, encoding or member types).
    public static func serialization(_ message: String) -> AWSServiceError {
        AWSServiceError(type: "SerializationException", message: message, status: 400)
    }

    /// An IAM-authorized operation was called without an `Authorization` header.
    public static let missingAuthenticationToken =
        AWSServiceError(type: "MissingAuthenticationTokenException", message: "Missing Authentication Token", status: 400)

    /// The body is larger than the server accepts.
    public static func requestEntityTooLarge(limit: Int) -> AWSServiceError {
        AWSServiceError(type: "RequestEntityTooLargeException",
                        message: "The request body exceeds the limit of \(limit) bytes.", status: 413)
    }

    /// The operation is in the model but Gatehouse does not implement it yet.
    public static func notImplemented(operation: String) -> AWSServiceError {
        AWSServiceError(type: "NotImplementedException", message: "Gatehouse does not implement \(operation) yet.", status: 400)
    }

    /// An unexpected failure inside the server; what went wrong is logged by the server, not sent.
    public static let internalError =
        AWSServiceError(type: "InternalErrorException", message: "An internal error occurred.", status: 500)
}
