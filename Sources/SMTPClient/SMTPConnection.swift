import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// One TCP connection to an SMTP server, exchanging commands and replies one at a time.
///
/// Every failure surfaces as an ``SMTPError``. All waits end no later than the deadline given to
/// ``connect(configuration:eventLoopGroup:deadline:logger:)``.
struct SMTPConnection: Sendable {
    private let channel: any Channel
    private let greeting: EventLoopFuture<SMTPReply>
    /// The first failure of the connection, as recorded by ``SMTPChannelHandler``.
    private let failure: NIOLockedValueBox<SMTPError?>
    private let logger: Logger

    private init(
        channel: any Channel,
        greeting: EventLoopFuture<SMTPReply>,
        failure: NIOLockedValueBox<SMTPError?>,
        logger: Logger
    ) {
        self.channel = channel
        self.greeting = greeting
        self.failure = failure
        self.logger = logger
    }

    /// Connects to the configured server, with implicit TLS when ``SMTPSecurity/tls`` is configured.
    ///
    /// - Throws: ``SMTPError/Kind/connectionFailed`` if no connection could be made before `deadline`.
    static func connect(
        configuration: SMTPConfiguration,
        eventLoopGroup: any EventLoopGroup,
        deadline: NIODeadline,
        logger: Logger
    ) async throws -> SMTPConnection {
        let implicitTLSContext = configuration.security == .tls ? try configuration.makeTLSContext() : nil
        let serverHostname = configuration.tlsServerHostname
        let eventLoop = eventLoopGroup.next()
        let greetingPromise = eventLoop.makePromise(of: SMTPReply.self)
        let failure = NIOLockedValueBox<SMTPError?>(nil)
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(deadline - .now())
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if let implicitTLSContext {
                        try pipeline.addHandler(NIOSSLClientHandler(context: implicitTLSContext, serverHostname: serverHostname))
                    }
                    try pipeline.addHandler(SMTPChannelHandler(greetingPromise: greetingPromise, deadline: deadline, failure: failure))
                }
            }
        logger.debug("connecting", metadata: ["smtp.server": "\(configuration.host):\(configuration.port)"])
        do {
            let channel = try await bootstrap.connect(host: configuration.host, port: configuration.port).get()
            return SMTPConnection(channel: channel, greeting: greetingPromise.futureResult, failure: failure, logger: logger)
        } catch {
            let failure = SMTPError(.connectionFailed, "cannot connect to \(configuration.host):\(configuration.port)", underlyingError: error)
            greetingPromise.fail(failure)
            throw failure
        }
    }

    /// Waits for the server's greeting, the first reply on the connection.
    func readGreeting() async throws -> SMTPReply {
        try await log(reply: awaitReply(greeting))
    }

    /// Sends `command` and waits for the server's reply.
    func send(_ command: SMTPCommand) async throws -> SMTPReply {
        logger.debug("SMTP command", metadata: ["smtp.command": "\(command.logDescription)"])
        let promise = channel.eventLoop.makePromise(of: SMTPReply.self)
        channel.writeAndFlush(SMTPRequest(command: command, replyPromise: promise)).cascadeFailure(to: promise)
        return try await log(reply: awaitReply(promise.futureResult))
    }

    /// Starts TLS after the server accepted `STARTTLS`: puts a TLS handler in front of the pipeline before
    /// anything else is sent. The handshake runs with the next command.
    ///
    /// - Throws: ``SMTPError/Kind/protocolViolation`` if the server sent anything after its reply to
    ///   `STARTTLS`, as that data could otherwise be mistaken for data received over TLS.
    func startTLS(context: NIOSSLContext, serverHostname: String?) async throws {
        let channel = self.channel
        do {
            try await channel.eventLoop.submit {
                let pipeline = channel.pipeline.syncOperations
                guard try !pipeline.handler(type: SMTPChannelHandler.self).hasBufferedInput else {
                    throw SMTPError(.protocolViolation, "the server sent data after accepting STARTTLS")
                }
                try pipeline.addHandler(NIOSSLClientHandler(context: context, serverHostname: serverHostname), position: .first)
            }.get()
        } catch let error as SMTPError {
            throw error
        } catch {
            throw self.failure.withLockedValue { $0 }
                ?? SMTPError(.tlsFailure, "cannot start TLS", underlyingError: error)
        }
    }

    /// Closes the connection; waits until it is closed.
    func close() async {
        try? await channel.close()
    }

    /// Closes the connection without waiting; outstanding requests fail with
    /// ``SMTPError/Kind/connectionClosed``. Safe to call from any thread.
    func abort() {
        channel.close(promise: nil)
    }

    private func awaitReply(_ future: EventLoopFuture<SMTPReply>) async throws -> SMTPReply {
        do {
            return try await future.get()
        } catch let error as SMTPError {
            throw error
        } catch {
            throw self.failure.withLockedValue { $0 }
                ?? SMTPError(.connectionClosed, "the SMTP connection failed", underlyingError: error)
        }
    }

    private func log(reply: SMTPReply) -> SMTPReply {
        logger.debug("SMTP reply", metadata: ["smtp.reply": "\(reply.code) \(reply.lines[0])"])
        return reply
    }
}
