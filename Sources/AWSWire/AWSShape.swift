/// A structure of an AWS service model: JSON-coded with the model's member names and able to check
/// the model's constraints (required, length, range, pattern, enum) on itself and its members.
///
/// Every member of a generated shape is optional in Swift, whatever the model says: a missing
/// required member is reported by ``validate(_:at:)`` in AWS's own words rather than failing to decode.
public protocol AWSShape: JSONCodable, Sendable, Equatable {
    /// Appends one failure to `report` for every constraint this value breaks, in model member order.
    /// - Parameter path: the AWS path of this value (`""` for the request itself, else e.g. `policies.passwordPolicy`).
    func validate(_ report: inout ValidationReport, at path: String)
}

extension AWSShape {
    /// Runs ``validate(_:at:)`` on the whole request and throws Cognito's `InvalidParameterException`
    /// ("N validation error(s) detected: …") when anything fails.
    public func validateRequest() throws(AWSServiceError) {
        var report = ValidationReport()
        validate(&report, at: "")
        if let message = report.message {
            throw AWSServiceError(type: "InvalidParameterException", message: message, status: 400)
        }
    }
}

/// The output of an operation whose model declares none: encodes as `{}`.
public struct EmptyOutput: AWSShape {
    public init() {}
    public init(json: JSONNode) {}
    public func writeJSON(to writer: inout JSONWriter) { writer.raw("{}") }
    public func validate(_ report: inout ValidationReport, at path: String) {}
}

extension Optional {
    /// The value of a member that the model marks required. Request validation has already rejected
    /// a request without it, so a `nil` here is a programming error reported as `InternalErrorException`.
    public var required: Wrapped {
        get throws(AWSServiceError) {
            guard let self else { throw AWSServiceError.internalError }
            return self
        }
    }
}
