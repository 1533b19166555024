/// One operation of a service model: its input and output shapes and how it is authorized.
/// The generator emits one conforming type per operation of the model.
public protocol AWSOperation: Sendable {
    associatedtype Input: AWSShape
    associatedtype Output: AWSShape
    /// The operation name as `X-Amz-Target` carries it, e.g. `UpdateUserPool`.
    static var name: String { get }
    /// Whether callers must sign with IAM credentials (SigV4); `false` for the model's `authtype: none`.
    static var requiresIAMAuthorization: Bool { get }
}

/// What a dispatcher needs to know of an operation before it decodes anything.
public struct AWSOperationInfo: Sendable, Equatable {
    public let name: String
    public let requiresIAMAuthorization: Bool

    public init(name: String, requiresIAMAuthorization: Bool) {
        self.name = name
        self.requiresIAMAuthorization = requiresIAMAuthorization
    }
}
