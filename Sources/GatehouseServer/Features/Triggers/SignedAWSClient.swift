import AWSWire
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Sends requests to AWS services (Lambda, KMS), SigV4-signed with the credentials of
/// ``AWSCredentialChain``, over connections kept for the process's life.
struct SignedAWSClient: Sendable {
    let credentials: AWSCredentialChain
    let http: HTTPClient
    let signingKeys = SigV4KeyCache()

    /// The connections to AWS services, kept for the process's life as `HTTPClient.shared` is, but
    /// with room for as many concurrent calls as the server has requests: with the shared client's
    /// 8 per host, 32 concurrent sign-ups opened and closed a connection for most invocations.
    /// Without tracing spans, which nothing here reads.
    static let http: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 256)
        configuration.tracing.tracer = nil
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    enum Failure: Error, CustomStringConvertible {
        /// No credentials to sign with.
        case noCredentials(any Error)
        case invalidEndpoint(String)
        /// No answer in time.
        case timedOut
        /// The endpoint could not be reached, or the answer not read.
        case unreachable(any Error)

        var description: String {
            switch self {
            case .noCredentials(let error): "no AWS credentials: \(error)"
            case .invalidEndpoint(let endpoint): "invalid endpoint \(endpoint)"
            case .timedOut: "timed out"
            case .unreachable(let error): "\(error)"
            }
        }
    }

    struct Response {
        let status: HTTPResponseStatus
        let headers: HTTPHeaders
        let body: [UInt8]
    }

    /// POSTs `body` to `path` of `endpoint`, signed for `service` in `region`.
    /// - Parameters:
    ///   - path: the path as sent, already percent-encoded; SigV4's canonical URI encodes it once more.
    ///   - headers: the request's headers besides Host, X-Amz-Date and the signature's.
    ///   - maximumAnswer: the largest answer body read.
    func post(_ body: [UInt8], to endpoint: String, path: String, headers: [(String, String)], region: String, service: String,
              timeout: TimeAmount, maximumAnswer: Int) async throws(Failure) -> Response {
        let keys: AWSCredentials
        do {
            keys = try await credentials.current(http: http)
        } catch {
            throw .noCredentials(error)
        }
        let base = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
        guard let url = URL(string: base), let host = url.host else { throw .invalidEndpoint(base) }
        let unsigned = SigV4Request(method: "POST", path: path, headers: [
            ("Host", url.port.map { "\(host):\($0)" } ?? host), ("X-Amz-Date", SigV4Signer.amzDate(Date())),
        ] + headers, body: body)
        let signed = SigV4Signer(credentials: keys, region: region, service: service, keyCache: signingKeys).signed(unsigned)
        var request = HTTPClientRequest(url: base + path)
        request.method = .POST
        for header in signed.headers where header.name != "Host" { request.headers.add(name: header.name, value: header.value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await http.execute(request, timeout: timeout)
            let answer = Array(buffer: try await response.body.collect(upTo: maximumAnswer))
            return Response(status: response.status, headers: response.headers, body: answer)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            throw .timedOut
        } catch {
            throw .unreachable(error)
        }
    }

    /// The region of an ARN (`arn:aws:lambda:us-east-1:123456789012:function:name`), or `nil`.
    static func region(of arn: String) -> String? {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count > 3 && !parts[3].isEmpty ? String(parts[3]) : nil
    }
}
