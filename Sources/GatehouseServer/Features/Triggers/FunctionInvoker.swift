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
/// unless `endpointURL` names another (LocalStack, an emulator, a test server).
struct FunctionInvoker: Sendable {
    let endpointURL: String?
    let credentials: LambdaCredentials
    let http: HTTPClient
    let logger: Logger
    let signingKeys = SigV4KeyCache()
    /// How long one attempt may take (Cognito's five seconds).
    let attemptTimeout: TimeAmount = .seconds(5)
    static let attempts = 3
    /// The largest answer read (Lambda's limit for a synchronous answer).
    static let maximumAnswer = 6 * 1_048_576

    /// The connections to Lambda, kept for the process's life as `HTTPClient.shared` is, but with
    /// room for as many concurrent calls as the server has requests: with the shared client's 8
    /// per host, 32 concurrent sign-ups opened and closed a connection for most invocations.
    static let http: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 256)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    /// Invokes `function` (an ARN) with `payload` and waits for its answer (invocation type
    /// `RequestResponse`).
    /// - Parameter region: the region of a function whose ARN names none.
    func invoke(_ function: String, payload: [UInt8], region: String) async -> InvocationResult {
        let region = Self.region(of: function) ?? region
        var last = InvocationResult.timedOut
        for attempt in 1...Self.attempts {
            switch await attemptOnce(function, payload: payload, region: region) {
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

    private func attemptOnce(_ function: String, payload: [UInt8], region: String) async -> Attempt {
        let keys: AWSCredentials
        do {
            keys = try await credentials.current(http: http)
        } catch {
            logger.error("no AWS credentials to sign a Lambda invocation with", metadata: ["error": "\(error)"])
            return .final(.invokeError("Unable to locate credentials"))
        }
        let base = (endpointURL ?? "https://lambda.\(region).amazonaws.com").trimmingSuffix("/")
        // The ARN percent-encoded in the path; SigV4's canonical URI encodes that path once more.
        let path = "/2015-03-31/functions/\(SigV4Signer.uriEncode(function))/invocations"
        guard let url = URL(string: base), let host = url.host else { return .final(.invokeError("Invalid endpoint \(base)")) }
        let unsigned = SigV4Request(method: "POST", path: path, headers: [
            ("Host", url.port.map { "\(host):\($0)" } ?? host), ("X-Amz-Date", SigV4Signer.amzDate(Date())),
            ("X-Amz-Invocation-Type", "RequestResponse"), ("Content-Type", "application/json"),
        ], body: payload)
        let signed = SigV4Signer(credentials: keys, region: region, service: "lambda", keyCache: signingKeys).signed(unsigned)
        var request = HTTPClientRequest(url: base + path)
        request.method = .POST
        for header in signed.headers where header.name != "Host" { request.headers.add(name: header.name, value: header.value) }
        request.body = .bytes(ByteBuffer(bytes: payload))
        do {
            let response = try await http.execute(request, timeout: attemptTimeout)
            let body = Array(buffer: try await response.body.collect(upTo: Self.maximumAnswer))
            return Self.attempt(status: response.status, headers: response.headers, body: body)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            return .retry(.timedOut)
        } catch {
            return .retry(.invokeError("Unable to execute HTTP request: \(error)"))
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

    /// The region of a Lambda ARN (`arn:aws:lambda:us-east-1:123456789012:function:name`).
    static func region(of arn: String) -> String? {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count > 3 && !parts[3].isEmpty ? String(parts[3]) : nil
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

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
