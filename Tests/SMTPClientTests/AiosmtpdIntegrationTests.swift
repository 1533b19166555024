import Foundation
import Logging
import SMTPClient
import XCTest

/// End-to-end deliveries to a real SMTP server (aiosmtpd, see `SMTPTestServer`).
final class AiosmtpdIntegrationTests: XCTestCase {
    private let message = EmailMessage(
        from: EmailAddress("noreply@gatehouse.test", displayName: "Gätehouse"),
        to: [EmailAddress("alice@example.com", displayName: "Alice"), EmailAddress("bob@example.com")],
        replyTo: EmailAddress("support@gatehouse.test"),
        subject: "Passwort zurücksetzen ✓",
        body: "Hallo Alice,\n\n.a line starting with a dot\nGrüße\n"
    )

    private func startServer(_ arguments: [String] = []) async throws -> SMTPTestServer {
        let server = try await SMTPTestServer(arguments: arguments)
        addTeardownBlock { server.stop() }
        return server
    }

    private func configuration(
        for server: SMTPTestServer,
        host: String = "127.0.0.1",
        security: SMTPSecurity,
        username: String? = nil,
        password: String? = nil,
        certificateVerification: SMTPCertificateVerification = .none,
        additionalTrustedCAPath: String? = nil
    ) -> SMTPConfiguration {
        SMTPConfiguration(
            host: host,
            port: server.port,
            security: security,
            username: username,
            password: password,
            heloName: "client.gatehouse.test",
            certificateVerification: certificateVerification,
            additionalTrustedCAPath: additionalTrustedCAPath,
            timeout: .seconds(15)
        )
    }

    private func assertSendFails(
        _ configuration: SMTPConfiguration,
        file: StaticString = #filePath,
        line: UInt = #line
    ) async -> SMTPError? {
        do {
            try await SMTPTransport(configuration: configuration).send(message)
            XCTFail("send succeeded unexpectedly", file: file, line: line)
        } catch let error as SMTPError {
            return error
        } catch {
            XCTFail("unexpected error type: \(error)", file: file, line: line)
        }
        return nil
    }

    func testPlainDelivery() async throws {
        let server = try await startServer()
        try await SMTPTransport(configuration: configuration(for: server, security: .plain)).send(message)

        let received = try server.receivedMessages()
        XCTAssertEqual(received.count, 1)
        let mail = try XCTUnwrap(received.first)
        XCTAssertEqual(mail.mailFrom, "noreply@gatehouse.test")
        XCTAssertEqual(mail.rcptTos, ["alice@example.com", "bob@example.com"])
        XCTAssertFalse(mail.tls)
        XCTAssertNil(mail.authenticatedAs)

        let headers = mail.headers
        XCTAssertEqual(headers["from"].map(MIMEDecoding.decodeEncodedWords), "Gätehouse <noreply@gatehouse.test>")
        XCTAssertEqual(headers["to"], "\"Alice\" <alice@example.com>, <bob@example.com>")
        XCTAssertEqual(headers["reply-to"], "<support@gatehouse.test>")
        XCTAssertEqual(headers["subject"].map(MIMEDecoding.decodeEncodedWords), "Passwort zurücksetzen ✓")
        XCTAssertNotNil(headers["message-id"]?.wholeMatch(of: /<[0-9a-f]{32}@client\.gatehouse\.test>/))
        XCTAssertNotNil(headers["date"]?.wholeMatch(of: /[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000/))
        XCTAssertEqual(headers["mime-version"], "1.0")
        XCTAssertEqual(headers["content-type"], "text/plain; charset=UTF-8")
        XCTAssertEqual(headers["content-transfer-encoding"], "base64")
        XCTAssertEqual(mail.decodedBody, "Hallo Alice,\r\n\r\n.a line starting with a dot\r\nGrüße\r\n")
    }

    /// Fails if anything logged contains the password or the message body, in clear or base64.
    private func assertLogsHideSecrets(_ logs: CapturingLogHandler, file: StaticString = #filePath, line: UInt = #line) {
        let lines = logs.lines.withLockedValue { $0 }
        XCTAssertTrue(lines.contains { $0.contains("MAIL FROM:<noreply@gatehouse.test>") }, "protocol steps are logged", file: file, line: line)
        let secrets = ["s3cret", Data("s3cret".utf8).base64EncodedString(), "Hallo Alice", "SGFsbG8gQWxpY2Us"]
        for logLine in lines {
            for secret in secrets {
                XCTAssertFalse(logLine.contains(secret), "log line reveals a secret: \(logLine)", file: file, line: line)
            }
        }
    }

    func testStartTLSWithAuthPlain() async throws {
        let server = try await startServer(["--tls", "starttls", "--username", "gatehouse", "--password", "s3cret"])
        let configuration = configuration(for: server, security: .startTLS, username: "gatehouse", password: "s3cret")
        let logs = CapturingLogHandler()
        try await SMTPTransport(configuration: configuration, logger: Logger(label: "test") { _ in logs }).send(message)
        assertLogsHideSecrets(logs)

        let mail = try XCTUnwrap(try server.receivedMessages().first)
        XCTAssertTrue(mail.tls)
        XCTAssertEqual(mail.authenticatedAs, "gatehouse")
        XCTAssertEqual(mail.authMechanism, "PLAIN")
        XCTAssertEqual(mail.rcptTos, ["alice@example.com", "bob@example.com"])
        XCTAssertEqual(mail.decodedBody, "Hallo Alice,\r\n\r\n.a line starting with a dot\r\nGrüße\r\n")
    }

    func testAuthLoginIsUsedWhenPlainIsNotOffered() async throws {
        let server = try await startServer([
            "--tls", "starttls", "--username", "gatehouse", "--password", "s3cret", "--exclude-auth", "PLAIN",
        ])
        let configuration = configuration(for: server, security: .startTLS, username: "gatehouse", password: "s3cret")
        let logs = CapturingLogHandler()
        try await SMTPTransport(configuration: configuration, logger: Logger(label: "test") { _ in logs }).send(message)
        assertLogsHideSecrets(logs)

        let mail = try XCTUnwrap(try server.receivedMessages().first)
        XCTAssertEqual(mail.authenticatedAs, "gatehouse")
        XCTAssertEqual(mail.authMechanism, "LOGIN")
    }

    func testImplicitTLSWithAuth() async throws {
        let server = try await startServer(["--tls", "implicit", "--username", "gatehouse", "--password", "s3cret"])
        let configuration = configuration(for: server, security: .tls, username: "gatehouse", password: "s3cret")
        try await SMTPTransport(configuration: configuration).send(message)

        let mail = try XCTUnwrap(try server.receivedMessages().first)
        XCTAssertTrue(mail.tls)
        XCTAssertEqual(mail.authenticatedAs, "gatehouse")
    }

    func testWrongPasswordFailsWith535() async throws {
        let server = try await startServer(["--tls", "starttls", "--username", "gatehouse", "--password", "s3cret"])
        let error = await assertSendFails(configuration(for: server, security: .startTLS, username: "gatehouse", password: "wrong"))
        XCTAssertEqual(error?.kind, .rejectedByServer)
        XCTAssertEqual(error?.replyCode, 535)
        XCTAssertEqual(error?.replyText, "5.7.8 Authentication credentials invalid")
        XCTAssertFalse(error?.description.contains("wrong") ?? true)
        XCTAssertEqual(try server.receivedMessages().count, 0)
    }

    func testStartTLSNotOfferedFails() async throws {
        let server = try await startServer()
        let error = await assertSendFails(configuration(for: server, security: .startTLS))
        XCTAssertEqual(error?.kind, .unsupportedByServer)
        XCTAssertEqual(try server.receivedMessages().count, 0)
    }

    func testServerRequiringStartTLSRefusesPlainDelivery() async throws {
        let server = try await startServer(["--tls", "starttls", "--require-starttls"])
        let error = await assertSendFails(configuration(for: server, security: .plain))
        XCTAssertEqual(error?.kind, .rejectedByServer)
        XCTAssertEqual(error?.replyCode, 530)
        XCTAssertEqual(try server.receivedMessages().count, 0)
    }

    func testFullCertificateVerificationWithAdditionalTrustedCA() async throws {
        let server = try await startServer(["--tls", "starttls"])
        let configuration = configuration(
            for: server,
            host: "localhost",
            security: .startTLS,
            certificateVerification: .full,
            additionalTrustedCAPath: server.certificatePath
        )
        try await SMTPTransport(configuration: configuration).send(message)
        XCTAssertEqual(try server.receivedMessages().first?.tls, true)
    }

    func testFullCertificateVerificationRejectsUntrustedCertificate() async throws {
        let server = try await startServer(["--tls", "starttls"])
        let error = await assertSendFails(configuration(for: server, host: "localhost", security: .startTLS, certificateVerification: .full))
        XCTAssertEqual(error?.kind, .tlsFailure)
        XCTAssertEqual(try server.receivedMessages().count, 0)
    }
}
