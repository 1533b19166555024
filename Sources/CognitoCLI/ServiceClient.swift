import AWSWire
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat

/// Sends an operation's request as botocore does: AWS JSON 1.1 (`POST /`, `X-Amz-Target`),
/// SigV4-signed for `settings.region` when there are credentials.
struct ServiceClient {
    let settings: ClientSettings
    let model: ModelDescription
    /// Called with each debug line: the request's and response's heads and bodies, without the
    /// signature and with the model's sensitive values (passwords, tokens, codes) masked.
    let debug: ((String) -> Void)?

    /// botocore's legacy retry mode: up to five attempts.
    static let maximumAttempts = 5

    /// The response body of a successful call. A connection failure, HTTP 429, 500, 502, 503, 504
    /// or 509, or a throttling error is tried again, as botocore's legacy retry mode does: up to
    /// ``maximumAttempts`` attempts, the n-th retry after a random wait of up to 2^(n-1) seconds.
    /// - Parameter now: the time to sign each attempt with.
    func send(_ operation: ModelOperation, body: [UInt8], now: () -> Date) async throws(CommandLineError) -> [UInt8] {
        var attempt = 1
        while true {
            let outcome = try await attemptOnce(operation, body: body, date: now())
            switch outcome {
            case .success(let bytes):
                return bytes
            case .failure(let failure) where failure.isRetryable && attempt < Self.maximumAttempts:
                try? await Task.sleep(nanoseconds: UInt64(Double.random(in: 0..<1) * Double(1 << (attempt - 1)) * 1e9))
                attempt += 1
            case .failure(let failure):
                throw failure.error(retries: attempt - 1)
            }
        }
    }

    /// Why an attempt failed, and whether botocore would try again.
    private struct AttemptFailure: Error {
        let error: CommandLineError
        let isRetryable: Bool

        /// The error as reported after `retries` attempts more than the first.
        func error(retries: Int) -> CommandLineError {
            guard case .service(let code, let operation, let message, _) = error else { return error }
            return .service(code: code, operation: operation, message: message, retries: retries)
        }
    }

    /// A POST of `body` to `path` of the endpoint, with `headers`, signed when there are credentials.
    func signedRequest(path: String, headers: [(String, String)], body: [UInt8], date: Date) throws(CommandLineError)
        -> (url: URL, signed: SigV4Request, http: HTTPClientRequest) {
        guard let url = URL(string: settings.endpoint + path), let host = url.host else {
            throw .parameter("Invalid endpoint: \(settings.endpoint)")
        }
        let hostHeader = url.port.map { "\(host):\($0)" } ?? host
        var request = SigV4Request(method: "POST", path: path, headers: headers + [("Host", hostHeader), ("X-Amz-Date", SigV4Signer.amzDate(date))],
                                   body: body)
        if let credentials = settings.credentials {
            request = SigV4Signer(credentials: credentials, region: settings.region, service: model.endpointPrefix).signed(request)
        }
        var httpRequest = HTTPClientRequest(url: url.absoluteString)
        httpRequest.method = .POST
        for (name, value) in request.headers where name != "Host" { httpRequest.headers.add(name: name, value: value) }
        httpRequest.headers.add(name: "User-Agent", value: "gatehouse-cli/1 cognito-idp")
        httpRequest.body = .bytes(ByteBuffer(bytes: body))
        return (url, request, httpRequest)
    }

    private func attemptOnce(_ operation: ModelOperation, body: [UInt8], date: Date) async throws(CommandLineError)
        -> Result<[UInt8], AttemptFailure> {
        let (url, request, httpRequest) = try signedRequest(path: "/", headers: [
            ("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "\(model.targetPrefix).\(operation.name)"),
        ], body: body, date: date)
        if let debug {
            debug("Request: POST \(url.absoluteString)")
            for (name, value) in request.headers {
                debug("  \(name): " + (name == "Authorization" ? String(value.prefix { $0 != "," }) + ", SignedHeaders=…, Signature=…"
                                                              : name == "X-Amz-Security-Token" ? "***" : value))
            }
            debug("  body: " + redactedText(body, shape: operation.input))
        }

        let status: UInt
        let responseBody: ByteBuffer
        do {
            let response = try await HTTPClient.shared.execute(httpRequest, timeout: .seconds(60))
            status = response.status.code
            responseBody = try await response.body.collect(upTo: 64 << 20)
        } catch {
            debug?("Response: no connection (\(error))")
            return .failure(AttemptFailure(error: .other("Could not connect to the endpoint URL: \"\(url.absoluteString)\""),
                                           isRetryable: true))
        }
        let bytes = Array(responseBody.readableBytesView)
        if let debug {
            debug("Response: HTTP \(status), \(bytes.count) bytes")
            debug("  body: " + redactedText(bytes, shape: status == 200 ? operation.output : nil))
        }
        guard status == 200 else {
            let (code, message) = Self.serviceError(status: status, body: bytes)
            return .failure(AttemptFailure(
                error: .service(code: code, operation: operation.name, message: message, retries: 0),
                isRetryable: [429, 500, 502, 503, 504, 509].contains(status) || (status == 400 && Self.throttlingCodes.contains(code))))
        }
        return .success(bytes)
    }

    /// The error codes botocore's legacy retry mode takes for throttling (with HTTP 400).
    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "ProvisionedThroughputExceededException",
    ]

    /// A body for the debug log: its sensitive values masked when it is JSON of `shape`.
    private func redactedText(_ body: [UInt8], shape: String?) -> String {
        guard let json = try? JSONNode(parsing: body) else { return "\(body.count) bytes that are not JSON" }
        guard let shape else { return JSONOutput.compact(json) }
        return JSONOutput.compact(Redaction.redacted(json, shape: model.shape(shape), model: model))
    }

    /// The code and message a non-200 answer carries, as botocore reads them: `__type` without a
    /// `namespace#` prefix or a `:…` suffix (the HTTP status when there is none), and `message`
    /// (or `Message`; empty when there is none).
    static func serviceError(status: UInt, body: [UInt8]) -> (code: String, message: String) {
        let json = try? JSONNode(parsing: body)
        let type = json?["__type"]?.string.map { type in
            String(type.split(separator: "#", omittingEmptySubsequences: false).last!.prefix { $0 != ":" })
        }
        return (type ?? String(status), json?["message"]?.string ?? json?["Message"]?.string ?? "")
    }
}
