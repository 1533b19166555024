import NIOCore
import NIOPosix
import SMTPClient
import XCTest

/// Misbehaving servers, built with SwiftNIO in-process, must produce errors rather than hangs.
final class ConnectionFailureTests: XCTestCase {
    private let message = EmailMessage(
        from: EmailAddress("noreply@gatehouse.test"), to: EmailAddress("alice@example.com"), subject: "Hi", body: "Hi"
    )

    /// A server that runs `handler` for every accepted connection; closed at the end of the test.
    private func startServer(_ makeHandler: @escaping @Sendable () -> any ChannelHandler & Sendable) async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(makeHandler()) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        addTeardownBlock { try? await channel.close() }
        return try XCTUnwrap(channel.localAddress?.port)
    }

    private func sendError(port: Int, timeout: Duration = .seconds(10)) async -> SMTPError? {
        let configuration = SMTPConfiguration(host: "127.0.0.1", port: port, security: .plain, timeout: timeout)
        do {
            try await SMTPTransport(configuration: configuration).send(message)
            XCTFail("send succeeded unexpectedly")
        } catch {
            XCTAssertTrue(error is SMTPError, "\(error)")
            return error as? SMTPError
        }
        return nil
    }

    func testSilentServerTimesOut() async throws {
        let port = try await startServer { SilentHandler() }
        let started = ContinuousClock.now
        let error = await sendError(port: port, timeout: .milliseconds(500))
        XCTAssertEqual(error?.kind, .timeout)
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(5))
    }

    func testServerClosingTheConnectionFails() async throws {
        let port = try await startServer { ClosingHandler() }
        let error = await sendError(port: port)
        XCTAssertEqual(error?.kind, .connectionClosed)
    }

    func testServerClosingAfterGreetingFails() async throws {
        let port = try await startServer { GreetingThenCloseHandler() }
        let error = await sendError(port: port)
        XCTAssertEqual(error?.kind, .connectionClosed)
    }

    func testGarbageReplyIsAProtocolViolation() async throws {
        let port = try await startServer { GarbageHandler() }
        let error = await sendError(port: port)
        XCTAssertEqual(error?.kind, .protocolViolation)
    }

    func testDataInjectedAfterStartTLSReplyIsRejected() async throws {
        let port = try await startServer {
            ScriptedHandler(greeting: "220 test ESMTP\r\n", replies: [
                "EHLO": "250-test\r\n250 STARTTLS\r\n",
                "STARTTLS": "220 go ahead\r\n250 injected before the handshake\r\n",
            ])
        }
        let configuration = SMTPConfiguration(host: "127.0.0.1", port: port, security: .startTLS, certificateVerification: .none)
        do {
            try await SMTPTransport(configuration: configuration).send(message)
            XCTFail("send succeeded unexpectedly")
        } catch let error as SMTPError {
            // Normally both replies arrive in one read and the extra reply is refused as unsolicited; if they
            // were split, the TLS handler rejects the plain-text bytes instead.
            XCTAssertTrue([.protocolViolation, .tlsFailure].contains(error.kind), "\(error)")
        }
    }

    func testRefusedConnectionFails() async throws {
        let port = try await startServer { SilentHandler() }
        let unusedPort = try await {
            let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
            let port = try XCTUnwrap(channel.localAddress?.port)
            try await channel.close()
            return port
        }()
        XCTAssertNotEqual(port, unusedPort)
        let error = await sendError(port: unusedPort)
        XCTAssertEqual(error?.kind, .connectionFailed)
    }
}

/// Accepts connections and never answers.
private final class SilentHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
}

/// Closes every connection as soon as it is accepted.
private final class ClosingHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    func channelActive(context: ChannelHandlerContext) {
        context.close(promise: nil)
    }
}

/// Greets, then closes the connection on the first command.
private final class GreetingThenCloseHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    func channelActive(context: ChannelHandlerContext) {
        context.writeAndFlush(NIOAny(ByteBuffer(string: "220 test ESMTP\r\n")), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.close(promise: nil)
    }
}

/// Answers with something that is not an SMTP reply.
private final class GarbageHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    func channelActive(context: ChannelHandlerContext) {
        context.writeAndFlush(NIOAny(ByteBuffer(string: "HTTP/1.1 400 Bad Request\r\n\r\n")), promise: nil)
    }
}

/// Greets, then answers each command line with the reply scripted for its first word, or closes the
/// connection for commands without one.
private final class ScriptedHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer

    private let greeting: String
    private let replies: [String: String]
    private var buffer = ByteBuffer()

    init(greeting: String, replies: [String: String]) {
        self.greeting = greeting
        self.replies = replies
    }

    func channelActive(context: ChannelHandlerContext) {
        context.writeAndFlush(NIOAny(ByteBuffer(string: greeting)), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        buffer.writeBuffer(&bytes)
        while let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            let line = buffer.readString(length: newline - buffer.readerIndex + 1) ?? ""
            let verb = line.split(separator: " ").first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).uppercased() } ?? ""
            guard let reply = replies[verb] else {
                context.close(promise: nil)
                return
            }
            context.writeAndFlush(NIOAny(ByteBuffer(string: reply)), promise: nil)
        }
    }
}
