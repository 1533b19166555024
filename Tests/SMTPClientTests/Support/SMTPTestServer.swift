import Foundation
import NIOCore
import NIOPosix
import XCTest

/// An aiosmtpd server (scripts/smtp_server.py) running as a subprocess on a free local port.
///
/// The Python interpreter is `$SMTP_TEST_PYTHON` or, by default, `.venv/bin/python` in the package root;
/// scripts/test.sh creates it with e2e/requirements.txt. Starting fails (and so does the test) if it is missing.
final class SMTPTestServer {
    /// One message as recorded by the server.
    struct ReceivedMessage: Decodable {
        var mailFrom: String
        var rcptTos: [String]
        var content: String
        var tls: Bool
        var authenticatedAs: String?
        var authMechanism: String?

        /// The unfolded headers, keyed by lower-cased name.
        var headers: [String: String] { MIMEDecoding.split(content).headers }

        /// The body with its base64 transfer encoding removed.
        var decodedBody: String? { MIMEDecoding.base64Body(MIMEDecoding.split(content).body) }
    }

    struct StartupError: Error, CustomStringConvertible {
        var description: String
    }

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let port: Int
    /// Directory holding the server's self-signed `cert.pem` when TLS is enabled.
    let directory: URL
    var certificatePath: String { directory.appendingPathComponent("cert.pem").path }
    private var mailbox: URL { directory.appendingPathComponent("mailbox.jsonl") }
    private let process: Process
    /// The server's standard input; the server also stops when it is closed, such as when the tests crash.
    private let stdin = Pipe()

    /// Starts the server with extra command-line `arguments` (see `smtp_server.py --help`) and waits until
    /// it accepts connections.
    init(arguments: [String] = []) async throws {
        let environment = ProcessInfo.processInfo.environment
        let python = environment["SMTP_TEST_PYTHON"] ?? Self.packageRoot.appendingPathComponent(".venv/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw StartupError(description: "no Python interpreter with aiosmtpd at \(python); run scripts/test.sh, which installs e2e/requirements.txt there")
        }
        port = try await Self.freePort()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let log = directory.appendingPathComponent("server.log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
            throw StartupError(description: "cannot create \(log.path)")
        }

        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [
            Self.packageRoot.appendingPathComponent("scripts/smtp_server.py").path,
            "--port", "\(port)",
            "--mailbox", directory.appendingPathComponent("mailbox.jsonl").path,
            "--cert-dir", directory.path,
        ] + arguments
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()

        let deadline = Date().addingTimeInterval(20)
        while !(await Self.acceptsConnections(port: port)) {
            guard process.isRunning, Date() < deadline else {
                stop()
                let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                throw StartupError(description: "aiosmtpd did not start on port \(port):\n\(output)")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// The messages the server accepted so far, oldest first.
    func receivedMessages() throws -> [ReceivedMessage] {
        guard let data = FileManager.default.contents(atPath: mailbox.path) else { return [] }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try data.split(separator: UInt8(ascii: "\n")).map { try decoder.decode(ReceivedMessage.self, from: Data($0)) }
    }

    /// Stops the server and removes its files.
    func stop() {
        if process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(5)
            while process.isRunning && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.05)
            }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
            }
        }
        try? stdin.fileHandleForWriting.close()
        try? FileManager.default.removeItem(at: directory)
    }

    private static func freePort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port
        try await channel.close()
        return try XCTUnwrap(port)
    }

    private static func acceptsConnections(port: Int) async -> Bool {
        guard let channel = try? await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port).get()
        else { return false }
        try? await channel.close()
        return true
    }
}
