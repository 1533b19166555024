import Foundation
import Logging
import NIOCore
import NIOPosix

/// Sends ``EmailMessage``s to one SMTP server, opening a new connection for each message.
///
/// A delivery runs: greeting, `EHLO`, `STARTTLS` and `EHLO` again (with ``SMTPSecurity/startTLS``),
/// `AUTH` (when credentials are configured), `MAIL FROM`, `RCPT TO` for each recipient, `DATA`, the message,
/// and `QUIT`.
public struct SMTPTransport: Sendable {
    /// The server and options used for every delivery.
    public let configuration: SMTPConfiguration

    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger

    /// Creates a transport.
    ///
    /// - Parameters:
    ///   - configuration: The server and options to use.
    ///   - eventLoopGroup: The SwiftNIO event loops that run the connections.
    ///   - logger: Receives protocol steps at debug level, with credentials and message content redacted.
    ///     Logging is disabled by default.
    public init(
        configuration: SMTPConfiguration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "SMTPClient", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
    }

    /// Delivers `message` to the server, which takes over responsibility for it once this returns.
    ///
    /// The whole exchange is bounded by ``SMTPConfiguration/timeout``. Cancelling the calling task closes
    /// the connection.
    ///
    /// - Throws: ``SMTPError`` if the configuration or message is invalid, the server cannot be reached, does
    ///   not offer what the configuration requires, refuses a command, breaks the protocol or times out;
    ///   `CancellationError` if the task was cancelled.
    public func send(_ message: EmailMessage) async throws {
        try configuration.validate()
        let content = try message.rendered(
            date: Date(),
            messageID: EmailMessage.makeMessageID(domain: configuration.heloName)
        )
        let deadline = NIODeadline.now() + TimeAmount(configuration.timeout)
        let connection = try await SMTPConnection.connect(
            configuration: configuration,
            eventLoopGroup: eventLoopGroup,
            deadline: deadline,
            logger: logger
        )
        do {
            try await withTaskCancellationHandler {
                try await deliver(message, content: content, over: connection)
            } onCancel: {
                connection.abort()
            }
        } catch {
            await connection.close()
            try Task.checkCancellation()
            throw error
        }
        await connection.close()
    }

    private func deliver(_ message: EmailMessage, content: String, over connection: SMTPConnection) async throws {
        try await connection.readGreeting().expect(220, for: "connection")
        var capabilities = try await hello(over: connection)
        if configuration.security == .startTLS {
            guard capabilities.supports("STARTTLS") else {
                throw SMTPError(.unsupportedByServer, "the server does not offer STARTTLS")
            }
            try await connection.send(.startTLS).expect(220, for: "STARTTLS")
            try await connection.startTLS(
                context: configuration.makeTLSContext(),
                serverHostname: configuration.tlsServerHostname
            )
            capabilities = try await hello(over: connection)
        }
        if let username = configuration.username, let password = configuration.password {
            try await authenticate(username: username, password: password, capabilities: capabilities, over: connection)
        }
        try await connection.send(.mailFrom(message.from.address)).expect(250, for: "MAIL FROM")
        for recipient in message.to {
            try await connection.send(.recipient(recipient.address)).expect(250, 251, for: "RCPT TO:<\(recipient.address)>")
        }
        try await connection.send(.data).expect(354, for: "DATA")
        try await connection.send(.messageContent(content)).expect(250, for: "message delivery")
        // The server has accepted the message; a failing QUIT does not change that.
        _ = try? await connection.send(.quit)
    }

    private func hello(over connection: SMTPConnection) async throws -> SMTPCapabilities {
        let reply = try await connection.send(.ehlo(configuration.heloName)).expect(250, for: "EHLO")
        return SMTPCapabilities(ehloReply: reply)
    }

    /// Authenticates with AUTH PLAIN, or AUTH LOGIN if the server offers only that.
    private func authenticate(
        username: String,
        password: String,
        capabilities: SMTPCapabilities,
        over connection: SMTPConnection
    ) async throws {
        let mechanisms = capabilities.authMechanisms
        if mechanisms.contains("PLAIN") {
            try await connection.send(.authPlain(username: username, password: password)).expect(235, for: "authentication")
        } else if mechanisms.contains("LOGIN") {
            try await connection.send(.authLogin).expect(334, for: "authentication")
            try await connection.send(.authLoginResponse(username)).expect(334, for: "authentication")
            try await connection.send(.authLoginResponse(password)).expect(235, for: "authentication")
        } else {
            let offered = mechanisms.isEmpty ? "none" : mechanisms.sorted().joined(separator: ", ")
            throw SMTPError(.unsupportedByServer, "the server offers no supported AUTH mechanism (PLAIN, LOGIN); offered: \(offered)")
        }
    }
}
