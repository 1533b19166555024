import AWSWire
import Foundation
import GatehouseCore
import GatehouseStorage
import Logging
import Synchronization

/// Sends the messages Cognito would send. Each is kept in the outbox first, then handed to the
/// transport of its medium in the background, and the outcome recorded in the outbox. Nothing
/// here fails the call that sent the message: a failure is logged and shown in the outbox.
///
/// Outside development mode the outbox keeps the texts with the code or temporary password
/// replaced by "[redacted]"; the transport still gets the real text. A message that fails is
/// exported as the pool's userNotification log (``LogExport``).
final class MessageDelivery: Sendable {
    let storage: any Storage
    let clock: Clock
    let random: RandomSource
    /// Whether the outbox keeps codes and temporary passwords (``GatehouseConfiguration/developmentOutbox``).
    let keepsSecrets: Bool
    let email: (any MessageTransport)?
    let sms: (any MessageTransport)?
    let logs: LogExport
    let metrics: ServerMetrics
    let logger: Logger
    /// Orders the ids of messages created in the same millisecond by this process.
    private let sequence = Atomic<Int>(0)

    init(storage: any Storage, clock: Clock, random: RandomSource, keepsSecrets: Bool, email: (any MessageTransport)?,
         sms: (any MessageTransport)?, logs: LogExport, metrics: ServerMetrics, logger: Logger) {
        self.storage = storage
        self.clock = clock
        self.random = random
        self.keepsSecrets = keepsSecrets
        self.email = email
        self.sms = sms
        self.logs = logs
        self.metrics = metrics
        self.logger = logger
    }

    /// What a message id begins with: its creation time in milliseconds, 13 digits, so that ids sort
    /// as the messages were created (then a per-process sequence number and a random suffix).
    static func idPrefix(_ date: Date) -> String {
        String(format: "%013lld", date.millisecondsSince1970)
    }

    /// Deletes the messages created more than `retention` ago.
    /// - Returns: how many were deleted.
    func prune(keeping retention: TimeInterval) async throws -> Int {
        try await storage.deleteMessages(before: Self.idPrefix(clock.now().addingTimeInterval(-retention)))
    }

    /// Keeps `message` in the pool's outbox and starts its delivery; returns once it is in the outbox.
    /// - Parameters:
    ///   - secret: the code or temporary password in the message's text.
    ///   - refusal: why the pool cannot send it (SMS without SmsConfiguration): it is kept as FAILED
    ///     with this detail and not delivered.
    func send(_ message: OutboxMessage, secret: String, userPoolID: String, refusal: String? = nil) async {
        let transport = refusal == nil ? (message.medium == .sms ? sms : email) : nil
        var kept = keepsSecrets ? message : message.redacting(secret)
        kept.status = refusal != nil ? .failed : transport == nil ? .stored : .pending
        kept.detail = refusal
        if transport == nil { metrics.message(message.medium.rawValue, status: kept.status.rawValue) }  // else once it is delivered or not
        let now = clock.now()
        let number = sequence.add(1, ordering: .relaxed).newValue % 1_000_000_000
        let id = Self.idPrefix(now) + String(format: "-%09ld-", number) + random.string(6, from: "0123456789abcdefghijklmnopqrstuv")
        do {
            try await storage.insertMessage(MessageRecord(id: id, userPoolID: userPoolID, recipient: message.to, creationDate: now,
                                                          document: Data(AWSJSON.encode(kept))))
        } catch {
            logger.error("a message could not be kept in the outbox", metadata: ["pool": "\(userPoolID)", "error": "\(error)"])
        }
        if let refusal { await logs.deliver(.usernotification, userPoolID: userPoolID) { LogRecord.notificationError(refusal, userPoolID: userPoolID, at: now) } }
        guard let transport else { return }
        Task {
            do {
                try await transport.deliver(message)
                kept.status = .sent
            } catch {
                self.logger.warning("a message was not delivered", metadata: ["message": "\(id)", "error": "\(error)"])
                kept.status = .failed
                kept.detail = String(describing: error)
                let (detail, now) = (String(describing: error), self.clock.now())
                await self.logs.deliver(.usernotification, userPoolID: userPoolID) {
                    LogRecord.notificationError(detail, userPoolID: userPoolID, at: now)
                }
            }
            self.metrics.message(message.medium.rawValue, status: kept.status.rawValue)
            do {
                try await self.storage.updateMessage(id: id, document: Data(AWSJSON.encode(kept)))
            } catch StorageError.notFound {
                // The pool, and its outbox with it, was deleted while the message was on its way.
            } catch {
                self.logger.error("a message's delivery status could not be recorded", metadata: ["message": "\(id)", "error": "\(error)"])
            }
        }
    }
}
