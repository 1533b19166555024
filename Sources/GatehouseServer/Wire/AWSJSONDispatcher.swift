import AWSWire
import CognitoModel
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Logging

/// `POST /`: reads `X-Amz-Target`, checks the body's size, the caller's authorization
/// (``AdminAuthorization``) and the request quotas (``RequestQuotas``), and runs the operation.
///
/// The server's HTTP/1 channel calls ``answer(headers:requestID:logger:body:)`` directly with the
/// body it has collected, in production and in the in-process tests alike. Every outcome, errors
/// included, is answered here as Cognito answers it.
struct AWSJSONDispatcher: Sendable {
    let registry: OperationRegistry
    let configuration: GatehouseConfiguration
    let admin: AdminAuthorization
    let quotas: RequestQuotas?
    /// Where each request's operation, outcome and duration are counted.
    let metrics: ServerMetrics
    /// Traces each request when the server exports traces.
    let tracer: OTLPTracer?

    static let target = HTTPField.Name("X-Amz-Target")!
    static let requestID = HTTPField.Name("x-amzn-RequestId")!
    static let contentType = "application/x-amz-json-1.1"

    /// A response to a `POST /` request: its status, headers and body.
    struct Answer: Sendable {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: ByteBuffer

        /// The answer as a Hummingbird response.
        var response: Response {
            Response(status: status, headers: headers, body: .init(byteBuffer: body))
        }
    }

    /// Answers one request with `head`, from `peer`; `body` gives its body once the headers
    /// have passed. The answer carries `requestID` as `x-amzn-RequestId`. An ``AWSServiceError`` is
    /// answered as `{"__type", "message"}` with `x-amzn-ErrorType`; any other error is logged and
    /// answered as `InternalErrorException` (500) without its detail.
    func answer(_ head: HTTPRequest, peer: SocketAddress?, requestID: String, logger: Logger,
                body: () async throws -> ByteBuffer) async -> Answer {
        var answer: Answer
        let started = ContinuousClock.now
        let span = tracer.map { RequestSpans.start("POST /", headers: head.headerFields, tracer: $0) }
        let outcome: String
        var operation = "unknown"  // as the metrics name it: the model's name, once the target is one
        do {
            let output = try await output(head, peer: peer, requestID: requestID, logger: logger, operation: &operation, body: body)
            answer = Answer(status: .ok, headers: [.contentType: Self.contentType], body: ByteBuffer(bytes: output))
            outcome = "success"
        } catch {
            answer = Self.answer(for: error, requestID: requestID, logger: logger)
            outcome = (error as? AWSServiceError)?.type ?? AWSServiceError.internalError.type
        }
        metrics.request(operation, outcome: outcome, took: ContinuousClock.now - started)
        if let span {
            // OpenTelemetry's RPC conventions, with AWS's names (rpc.system aws-api).
            span.operationName = "\(CognitoIdentityProvider.targetPrefix)/\(operation)"
            span.attributes["rpc.system"] = "aws-api"
            span.attributes["rpc.service"] = "CognitoIdentityProvider"
            span.attributes["rpc.method"] = operation
            span.attributes["aws.request_id"] = requestID
            RequestSpans.end(span, status: answer.status, errorType: outcome == "success" ? nil : outcome)
        }
        answer.headers[Self.requestID] = requestID
        if head.headerFields[.origin] != nil, Self.isPublic(head) {
            // Browsers' SDKs (amazon-cognito-identity-js) call the public operations from any
            // origin, as Cognito's answers allow; the admin operations' answers are not shared with
            // other origins, which a local server taking unsigned admin calls would otherwise serve.
            answer.headers[.accessControlAllowOrigin] = "*"
            answer.headers[.accessControlExposeHeaders] = "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date"
        }
        return answer
    }

    /// Whether a request is for an operation that takes no IAM authorization (SignUp, InitiateAuth, …).
    static func isPublic(_ head: HTTPRequest) -> Bool {
        guard let name = try? AmzTarget.operationName(header: head.headerFields[target], targetPrefix: CognitoIdentityProvider.targetPrefix)
        else { return false }
        return CognitoIdentityProvider.operations[name]?.requiresIAMAuthorization == false
    }

    /// The answer to `error`, thrown while answering request `requestID` (without its request
    /// id): an ``AWSServiceError`` as itself, anything else logged and answered as
    /// `InternalErrorException` without its detail.
    static func answer(for error: any Error, requestID: String, logger: Logger) -> Answer {
        guard let error = error as? AWSServiceError else {
            logger.error("internal error", metadata: ["requestId": "\(requestID)", "error": "\(String(reflecting: error))"])
            return answer(for: .internalError)
        }
        logger.debug("request failed", metadata: ["requestId": "\(requestID)", "type": "\(error.type)"])
        return answer(for: error)
    }

    /// The operation's output; failures are thrown.
    /// - Parameter name: set to the operation's name once the target names one of the model.
    private func output(_ head: HTTPRequest, peer: SocketAddress?, requestID: String, logger: Logger, operation name: inout String,
                        body: () async throws -> ByteBuffer) async throws -> [UInt8] {
        let headers = head.headerFields
        let target = try AmzTarget.operationName(header: headers[Self.target], targetPrefix: CognitoIdentityProvider.targetPrefix)
        guard let operation = CognitoIdentityProvider.operations[target] else {
            throw AWSServiceError.unknownOperation("Unknown operation \(target).")
        }
        name = target
        let authorization = headers[.authorization]
        if operation.requiresIAMAuthorization, authorization == nil {
            throw AWSServiceError.missingAuthenticationToken
        }
        let body = try await body()
        guard body.readableBytes <= configuration.maximumBodySize else {
            throw AWSServiceError.requestEntityTooLarge(limit: configuration.maximumBodySize)
        }
        let bytes = Array(body.readableBytesView)
        let signedRegion = operation.requiresIAMAuthorization
            ? try admin.authorize(name, head: head, peer: peer, body: bytes, now: Date()) : nil
        // After the signature: an unsigned caller learns nothing of what is implemented.
        guard let handler = registry.handler(for: name) else {
            throw AWSServiceError.notImplemented(operation: name)
        }
        try quotas?.admit(name, now: Date())
        let region = signedRegion ?? authorization.flatMap(SigV4CredentialScope.init(authorizationHeader:))?.region ?? configuration.defaultRegion
        let call = CallContext(region: region, accountID: configuration.accountID, requestID: requestID, logger: logger, peer: peer,
                               forwardedFor: configuration.trustedProxies.isEmpty ? nil : headers[.xForwardedFor],
                               trustedProxies: configuration.trustedProxies)
        return try await handler(bytes, call)
    }

    /// The error response for `error`, without its request id.
    static func answer(for error: AWSServiceError) -> Answer {
        var body = JSONWriter(capacity: 64 + error.message.utf8.count)
        body.beginObject()
        body.member("__type", error.type)
        body.member("message", error.message)
        body.endObject()
        return Answer(status: .init(code: error.status),
                      headers: [.contentType: contentType, AWSErrorMiddleware.errorType: error.type + ":"],
                      body: ByteBuffer(bytes: body.bytes))
    }
}
