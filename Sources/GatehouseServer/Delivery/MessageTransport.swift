import GatehouseCore

/// Where messages of one medium go beyond the outbox: an SMTP relay for emails, a webhook for SMS.
protocol MessageTransport: Sendable {
    /// Delivers one message.
    /// - Throws: when the message was not accepted; the error's description is recorded in the outbox.
    func deliver(_ message: OutboxMessage) async throws
}
