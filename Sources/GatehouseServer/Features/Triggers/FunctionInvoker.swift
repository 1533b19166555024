import AWSWire
import AsyncHTTPClient
import Foundation
import GatehouseCore
import Logging
import NIOCore
import NIOHTTP1

/// Calls trigger functions through the AWS Lambda Invoke API: `POST
/// {endpoint}/2015-03-31/functions/{ARN}/invocations`, SigV4-signed for `lambda` in the ARN's
/// region, as Cognito calls them: each attempt may take five seconds, and a call that times out or
/// cannot reach Lambda is tried three times in all. The endpoint is Lambda's own in that region
/// unless `endpointURL` names another (LocalStack, an emulator, a test server). The custom senders
/// are invoked as events: Lambda queues them and answers at once.
struct FunctionInvoker: Sendable {
    let endpointURL: String?
    let client: SignedAWSClient
    let logger: Logger
    /// How long one attempt may take (Cognito's five seconds).
    let attemptTimeout: TimeAmount = .seconds(5)
    static let attempts = 3
    /// The largest answer read (Lambda's limit for a synchronous answer).
    static let maximumAnswer = 6 * 1_048_576

    /// How Lambda runs the function: waiting for its answer, or queueing the event and answering
    /// at once (`202 Accepted`, as for the custom senders).
    enum InvocationType: String {
        case requestResponse = "RequestResponse"
        case event = "Event"
    }

    /// Invokes `function` (an ARN) with `payload` and waits for its answer (or, for an `event`
    /// invocation, for Lambda to accept it).
    /// - Parameter region: the region of a function whose ARN names none.
    func invoke(_ function: String, payload: [UInt8], region: String,
                type: InvocationType = .requestResponse) async -> InvocationResult {
        let region = SignedAWSClient.region(of: function) ?? region
        var last = InvocationResult.timedOut
        for attempt in 1...Self.attempts {
            switch await attemptOnce(function, payload: payload, region: region, type: type) {
            case .final(let result):
                return result
            case .retry(let result):
                logger.warning("trigger function call failed; retrying", metadata: [
                    "function": "\(function)", "attempt": "\(attempt)", "result": "\(Self.describe(result))"])
                last = result
            }
        }
        return last
    }

    private enum Attempt {
        case final(InvocationResult)
        case retry(InvocationResult)
    }

    private func attemptOnce(_ function: String, payload: [UInt8], region: String, type: InvocationType) async -> Attempt {
        // The ARN percent-encoded in the path.
        let path = "/2015-03-31/functions/\(SigV4Signer.uriEncode(function))/invocations"
        do {
            let response = try await client.post(payload, to: endpointURL ?? "https://lambda.\(region).amazonaws.com", path: path,
                                                 headers: [("X-Amz-Invocation-Type", type.rawValue), ("Content-Type", "application/json")],
                                                 region: region, service: "lambda", timeout: attemptTimeout, maximumAnswer: Self.maximumAnswer)
            return Self.attempt(status: response.status, headers: response.headers, body: response.body)
        } catch {
            switch error {
            case .noCredentials(let reason):
                logger.error("no AWS credentials to sign a Lambda invocation with", metadata: ["error": "\(reason)"])
                return .final(.invokeError("Unable to locate credentials"))
            case .invalidEndpoint: return .final(.invokeError("Invalid endpoint \(endpointURL ?? region)"))
            case .timedOut: return .retry(.timedOut)
            case .unreachable(let reason): return .retry(.invokeError("Unable to execute HTTP request: \(reason)"))
            }
        }
    }

    /// What an answer of the Invoke API means.
    private static func attempt(status: HTTPResponseStatus, headers: HTTPHeaders, body: [UInt8]) -> Attempt {
        if (200..<300).contains(status.code) {
            guard headers.first(name: "X-Amz-Function-Error") != nil else { return .final(.answered(body)) }
            let message = (try? JSONNode(parsing: body))?["errorMessage"]?.string ?? String(decoding: body, as: UTF8.self)
            return .final(.functionError(message: message))
        }
        // Lambda names its error in x-amzn-ErrorType ("Type:more"), else in the body's __type or Type.
        let node = try? JSONNode(parsing: body)
        let named = headers.first(name: "x-amzn-ErrorType")?.split(separator: ":").first.map(String.init)
            ?? node?["__type"]?.string?.split(separator: "#").last.map(String.init) ?? node?["Type"]?.string
        let result = InvocationResult.invokeError(named ?? "HTTP \(status.code)")
        return status.code == 429 || status.code >= 500 ? .retry(result) : .final(result)
    }

    private static func describe(_ result: InvocationResult) -> String {
        switch result {
        case .answered: "answered"
        case .functionError(let message): "function error: \(message)"
        case .timedOut: "timed out"
        case .invokeError(let reason): reason
        }
    }
}
