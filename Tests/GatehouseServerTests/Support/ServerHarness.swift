import Foundation
import HTTPTypes
import GatehouseCore
@testable import GatehouseServer
import Hummingbird
import Logging
import HummingbirdTesting
import StorageSQLite
import Synchronization
import XCTest

/// A Gatehouse on an in-memory store with a clock the test moves, assembled by the same
/// `buildApplication` as production and driven over a real socket (HummingbirdTesting's `.live`
/// mode), so every request takes the production path: the HTTP/1 channel that answers `POST /`.
final class ServerHarness: Sendable {
    let time = Mutex(Date(timeIntervalSince1970: 1_700_000_000.123))
    let configuration: GatehouseConfiguration

    /// With the development outbox, so tests read the codes they were sent.
    init(maximumBodySize: Int = 1_048_576) {
        var configuration = GatehouseConfiguration()
        configuration.port = 0
        configuration.maximumBodySize = maximumBodySize
        configuration.developmentOutbox = true
        self.configuration = configuration
    }

    func advance(by seconds: TimeInterval) {
        time.withLock { $0 += seconds }
    }

    /// The Authorization header of a SigV4-signed request from `region` (the signature is not checked).
    static func authorization(region: String) -> String {
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/\(region)/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=00"
    }

    func run(_ test: @Sendable (Client) async throws -> Void) async throws {
        try await run { client, _ in try await test(client) }
    }

    /// Runs `test` with the service itself too, for what no HTTP call reaches (pruning the outbox).
    func run(_ test: @Sendable (Client, Gatehouse) async throws -> Void) async throws {
        let clock = Clock { self.time.withLock { $0 } }
        let storage = try SQLiteStorage.inMemory()
        let gatehouse = try Gatehouse(storage: storage, masterKey: .generate(random: .system), clock: clock, configuration: configuration)
        let app = buildApplication(gatehouse: gatehouse, storage: StorageService(storage: storage, connectionLoop: nil),
                                   admin: try AdminAuthorization(configuration: configuration), configuration: configuration,
                                   logger: Logger(label: "gatehouse-test"))
        try await app.test(.live) { client in try await test(Client(client: client), gatehouse) }
    }

    struct Client: Sendable {
        let client: any TestClientProtocol

        struct Reply {
            let status: Int
            let headers: HTTPFields
            let body: Data
            var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        }

        /// Sends raw bytes as `operation` (nil: no X-Amz-Target), signed for `region` unless `region` is nil.
        func send(_ operation: String?, body: Data, region: String? = "us-east-1") async throws -> Reply {
            var headers: HTTPFields = [.contentType: "application/x-amz-json-1.1"]
            if let operation { headers[HTTPField.Name("X-Amz-Target")!] = "AWSCognitoIdentityProviderService.\(operation)" }
            if let region { headers[.authorization] = ServerHarness.authorization(region: region) }
            return try await client.execute(uri: "/", method: .post, headers: headers, body: ByteBuffer(bytes: body)) { response in
                Reply(status: Int(response.status.code), headers: response.headers, body: Data(response.body.readableBytesView))
            }
        }

        func call(_ operation: String, _ input: [String: Any], region: String = "us-east-1") async throws -> Reply {
            try await send(operation, body: JSONSerialization.data(withJSONObject: input), region: region)
        }

        /// Calls an operation that must succeed and returns its output.
        func ok(_ operation: String, _ input: [String: Any], region: String = "us-east-1",
                file: StaticString = #filePath, line: UInt = #line) async throws -> [String: Any] {
            let reply = try await call(operation, input, region: region)
            XCTAssertEqual(reply.status, 200, String(decoding: reply.body, as: UTF8.self), file: file, line: line)
            return reply.json
        }

        /// Asserts that a reply is Cognito's error `type` with `message`.
        func assertError(_ reply: Reply, _ type: String, _ message: String, status: Int = 400,
                         file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertEqual(reply.status, status, file: file, line: line)
            XCTAssertEqual(reply.json["__type"] as? String, type, file: file, line: line)
            XCTAssertEqual(reply.json["message"] as? String, message, file: file, line: line)
            XCTAssertEqual(reply.headers[HTTPField.Name("x-amzn-ErrorType")!], type + ":", file: file, line: line)
            XCTAssertNotNil(reply.headers[HTTPField.Name("x-amzn-RequestId")!], file: file, line: line)
        }

        func createPool(_ name: String = "pool", _ extra: [String: Any] = [:], region: String = "us-east-1") async throws -> [String: Any] {
            let output = try await ok("CreateUserPool", extra.merging(["PoolName": name]) { a, _ in a }, region: region)
            return output["UserPool"] as? [String: Any] ?? [:]
        }

        /// The outbox's messages to `recipient`, newest first, as `GET /_gatehouse/outbox` shows them.
        func outbox(to recipient: String) async throws -> [[String: Any]] {
            let query = recipient.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? recipient
            return try await client.execute(uri: "/_gatehouse/outbox?recipient=\(query)", method: .get) { response in
                let json = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                return json?["Messages"] as? [[String: Any]] ?? []
            }
        }

        /// The six-digit code in the newest message to `recipient`.
        func code(sentTo recipient: String, file: StaticString = #filePath, line: UInt = #line) async throws -> String {
            let body = try await outbox(to: recipient).first?["Body"] as? String ?? ""
            let code = body.firstMatch(of: /\d{6}/).map { String($0.output) }
            return try XCTUnwrap(code, "no code in \(body)", file: file, line: line)
        }

        func describe(_ id: String, region: String = "us-east-1") async throws -> [String: Any] {
            try await ok("DescribeUserPool", ["UserPoolId": id], region: region)["UserPool"] as? [String: Any] ?? [:]
        }
    }
}
