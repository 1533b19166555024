import AWSWire
import Foundation

/// The event every trigger's function receives: Cognito's envelope (version, triggerSource,
/// region, userPoolId, userName, callerContext) around the trigger's own `request` and `response`.
/// docs/compatibility.md § Lambda triggers records the values Cognito sends.
public struct TriggerEvent: Sendable {
    /// `callerContext.clientId` of calls that name no app client (admin operations).
    public static let noClient = "CLIENT_ID_NOT_APPLICABLE"
    /// `callerContext.awsSdkVersion` when the caller's SDK is not known.
    public static let unknownSDK = "aws-sdk-unknown-unknown"

    public let trigger: LambdaTrigger
    public var version = "1"
    public let triggerSource: String
    public let region: String
    public let userPoolID: String
    public let userName: String
    /// The app client of the call, or `nil` for an admin operation.
    public let clientID: String?

    public init(trigger: LambdaTrigger, triggerSource: String, region: String, userPoolID: String, userName: String, clientID: String?) {
        self.trigger = trigger
        self.triggerSource = triggerSource
        self.region = region
        self.userPoolID = userPoolID
        self.userName = userName
        self.clientID = clientID
    }

    /// The event's JSON, with `request` and `response` written by the trigger.
    public func json(request: (inout JSONWriter) -> Void, response: (inout JSONWriter) -> Void) -> [UInt8] {
        json(request: request, response: response, withResponse: true)
    }

    /// The event's JSON without `response`, as for the custom senders, whose answer Cognito does not read.
    public func json(request: (inout JSONWriter) -> Void) -> [UInt8] {
        json(request: request, response: { _ in }, withResponse: false)
    }

    private func json(request: (inout JSONWriter) -> Void, response: (inout JSONWriter) -> Void, withResponse: Bool) -> [UInt8] {
        var writer = JSONWriter(capacity: 1024)
        writer.beginObject()
        writer.member("version", version)
        writer.member("triggerSource", triggerSource)
        writer.member("region", region)
        writer.member("userPoolId", userPoolID)
        writer.member("userName", userName)
        writer.member("callerContext", ["awsSdkVersion": Self.unknownSDK, "clientId": clientID ?? Self.noClient])
        writer.member("request") { writer in
            writer.beginObject()
            request(&writer)
            writer.endObject()
        }
        if withResponse {
            writer.member("response") { writer in
                writer.beginObject()
                response(&writer)
                writer.endObject()
            }
        }
        writer.endObject()
        return writer.bytes
    }

    /// The `response` object of what the function returned: a JSON object, whose `response` is an
    /// object (or absent or `null`: nothing changed, an empty object).
    /// - Throws: `InvalidLambdaResponseException` "Invalid lambda function output : Invalid JSON" for
    ///   output that is not a JSON object, "Unrecognizable lambda output" for a `response` that is
    ///   not an object.
    public static func response(of output: [UInt8]) throws(AWSServiceError) -> JSONNode {
        guard let node = try? JSONNode(parsing: output), case .object = node else {
            throw .invalidLambdaResponseException("Invalid lambda function output : Invalid JSON")
        }
        switch node["response"] {
        case nil, .null?: return .object([])
        case let response? where response.pairs != nil: return response
        default: throw unrecognizable
        }
    }

    /// What Cognito answers for output of the right syntax but the wrong shape.
    public static let unrecognizable = AWSServiceError.invalidLambdaResponseException("Unrecognizable lambda output")

    /// The error an operation answers when its trigger's function did not answer.
    public static func error(_ result: InvocationResult, of trigger: LambdaTrigger) -> AWSServiceError? {
        switch result {
        case .answered: nil
        case .functionError(let message): .userLambdaValidationException("\(trigger.rawValue) failed with error \(message).")
        case .timedOut:
            .unexpectedLambdaException("\(trigger.rawValue) invocation failed due to error Socket timeout while invoking Lambda function.")
        case .invokeError(let reason): .unexpectedLambdaException("\(trigger.rawValue) invocation failed due to error \(reason).")
        }
    }

    /// The function's answer, or the error the operation answers.
    public static func output(_ result: InvocationResult, of trigger: LambdaTrigger) throws(AWSServiceError) -> JSONNode {
        if let error = error(result, of: trigger) { throw error }
        guard case .answered(let output) = result else { preconditionFailure() }
        return try response(of: output)
    }
}

extension JSONNode {
    /// A member that must be a Boolean when present (absent or `null`: `nil`).
    /// - Throws: ``TriggerEvent/unrecognizable`` for any other value.
    func optionalBool(_ key: String) throws(AWSServiceError) -> Bool? {
        switch self[key] {
        case nil, .null?: return nil
        case .bool(let value)?: return value
        default: throw TriggerEvent.unrecognizable
        }
    }

    /// A member that must be a string when present (absent or `null`: `nil`).
    /// - Throws: ``TriggerEvent/unrecognizable`` for any other value.
    func optionalString(_ key: String) throws(AWSServiceError) -> String? {
        switch self[key] {
        case nil, .null?: return nil
        case .string(let value)?: return value
        default: throw TriggerEvent.unrecognizable
        }
    }

    /// A member that must be an object when present (absent or `null`: `nil`).
    /// - Throws: ``TriggerEvent/unrecognizable`` for any other value.
    func optionalObject(_ key: String) throws(AWSServiceError) -> JSONNode? {
        switch self[key] {
        case nil, .null?: return nil
        case let value? where value.pairs != nil: return value
        default: throw TriggerEvent.unrecognizable
        }
    }

    /// A member that must be a list of strings when present (absent or `null`: `nil`).
    /// - Throws: ``TriggerEvent/unrecognizable`` for any other value.
    func optionalStrings(_ key: String) throws(AWSServiceError) -> [String]? {
        switch self[key] {
        case nil, .null?: return nil
        case .array(let items)?:
            var strings: [String] = []
            for item in items {
                guard let string = item.string else { throw TriggerEvent.unrecognizable }
                strings.append(string)
            }
            return strings
        default: throw TriggerEvent.unrecognizable
        }
    }
}
