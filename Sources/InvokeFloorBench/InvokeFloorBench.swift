import AWSWire
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

/// Times what a trigger invocation cannot avoid while Gatehouse calls Lambda through
/// async-http-client: the client's own POST of an event-sized body, waiting for the answer, and the
/// SigV4 signature of that request. bench/triggers.sh runs it against the same Invoke API stub as
/// the server, so that the CPU an invocation adds can be set beside it.
///
/// Usage: `InvokeFloorBench URL [COUNT]`: COUNT POSTs (default 60,000) to
/// `URL/2015-03-31/functions/<ARN>/invocations`, 32 at a time over kept connections (the client
/// configured as the server's, on NIO's event loops as the server's global executor), after 200 to
/// warm up; then COUNT signatures in a loop. Prints `http_client_post_ms=… sigv4_sign_ms=…`: the
/// process's CPU (user and system) per POST and per signature.
@main
struct InvokeFloorBench {
    static let concurrency = 32

    static func main() async throws {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        let arguments = CommandLine.arguments.dropFirst()
        guard let endpoint = arguments.first, let count = arguments.dropFirst().first.map({ Int($0) }) ?? 60_000 else {
            FileHandle.standardError.write(Data("usage: InvokeFloorBench URL [COUNT]\n".utf8))
            exit(2)
        }
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 256)
        configuration.tracing.tracer = nil
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let path = "/2015-03-31/functions/\(SigV4Signer.uriEncode("arn:aws:lambda:us-east-1:123456789012:function:floor"))/invocations"
        let body = Array(repeating: UInt8(ascii: "x"), count: 400)

        @Sendable func post() async throws {
            var request = HTTPClientRequest(url: endpoint + path)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
            let response = try await http.execute(request, timeout: .seconds(5))
            _ = try await response.body.collect(upTo: 6 * 1_048_576)
        }
        for _ in 0..<200 { try await post() }
        let postStart = cpuMilliseconds()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<concurrency {
                group.addTask { for _ in 0..<(count / concurrency) { try await post() } }
            }
            try await group.waitForAll()
        }
        let postMilliseconds = (cpuMilliseconds() - postStart) / Double(count / concurrency * concurrency)
        try await http.shutdown()

        let signer = SigV4Signer(credentials: AWSCredentials(accessKeyID: "AKIDFLOOR", secretAccessKey: "floor-secret"),
                                 region: "us-east-1", service: "lambda", keyCache: SigV4KeyCache())
        let signStart = cpuMilliseconds()
        for _ in 0..<count {
            _ = signer.signed(SigV4Request(method: "POST", path: path, headers: [
                ("Host", "lambda.us-east-1.amazonaws.com"), ("X-Amz-Date", SigV4Signer.amzDate(Date())),
                ("X-Amz-Invocation-Type", "RequestResponse"), ("Content-Type", "application/json"),
            ], body: body))
        }
        let signMilliseconds = (cpuMilliseconds() - signStart) / Double(count)
        print(String(format: "http_client_post_ms=%.4f sigv4_sign_ms=%.4f", postMilliseconds, signMilliseconds))
    }

    /// The process's CPU time so far (user and system), in milliseconds.
    static func cpuMilliseconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000
    }
}
