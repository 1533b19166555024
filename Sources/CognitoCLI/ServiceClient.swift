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

    /// The response body of a successful call.
    func send(_ operation: ModelOperation, body: [UInt8], at date: Date) async throws(CommandLineError) -> [UInt8] {
        guard let url = URL(string: settings.endpoint + "/"), let host = url.host else {
            throw .parameter("Invalid endpoint: \(settings.endpoint)")
        }
        let hostHeader = url.port.map { "\(host):\($0)" } ?? host
        var request = SigV4Request(method: "POST", path: "/", headers: [
            ("Content-Type", "application/x-amz-json-1.1"),
            ("Host", hostHeader),
            ("X-Amz-Date", Self.amzDate(date)),
            ("X-Amz-Target", "\(model.targetPrefix).\(operation.name)"),
        ], body: body)
        if let credentials = settings.credentials {
            request = SigV4Signer(credentials: credentials, region: settings.region, service: model.endpointPrefix).signed(request)
        }
        var httpRequest = HTTPClientRequest(url: url.absoluteString)
        httpRequest.method = .POST
        for (name, value) in request.headers where name != "Host" { httpRequest.headers.add(name: name, value: value) }
        httpRequest.headers.add(name: "User-Agent", value: "gatehouse-cli/1 cognito-idp")
        httpRequest.body = .bytes(ByteBuffer(bytes: body))
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
            throw .other("Could not connect to the endpoint URL: \"\(url.absoluteString)\"")
        }
        let bytes = Array(responseBody.readableBytesView)
        if let debug {
            debug("Response: HTTP \(status), \(bytes.count) bytes")
            debug("  body: " + redactedText(bytes, shape: status == 200 ? operation.output : nil))
        }
        guard status == 200 else { throw Self.serviceError(status: status, body: bytes, operation: operation.name) }
        return bytes
    }

    /// A body for the debug log: its sensitive values masked when it is JSON of `shape`.
    private func redactedText(_ body: [UInt8], shape: String?) -> String {
        guard let json = try? JSONNode(parsing: body) else { return "\(body.count) bytes that are not JSON" }
        guard let shape else { return JSONOutput.compact(json) }
        return JSONOutput.compact(Redaction.redacted(json, shape: model.shape(shape), model: model))
    }

    /// The error a non-200 answer carries: `__type` without any `namespace#` prefix, and
    /// `message` (or `Message`).
    static func serviceError(status: UInt, body: [UInt8], operation: String) -> CommandLineError {
        let json = try? JSONNode(parsing: body)
        let type = json?["__type"]?.string.map { String($0.split(separator: "#").last ?? "") }
        let message = json?["message"]?.string ?? json?["Message"]?.string ?? "Unknown"
        return .service(code: type ?? String(status), operation: operation, message: message)
    }

    /// `yyyyMMdd'T'HHmmss'Z'` in UTC.
    static func amzDate(_ date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))T\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))Z"
    }
}
