import Foundation

/// The outbox: every message Gatehouse sends, newest first, by pool and by recipient.
public protocol MessageStore: Sendable {
    /// Stores a new message of an existing pool.
    /// - Throws: ``StorageError/notFound`` when the pool does not exist; ``StorageError/duplicate``
    ///   when a message has the same id.
    func insertMessage(_ message: MessageRecord) async throws

    /// Replaces a message's document (its delivery status changed).
    /// - Throws: ``StorageError/notFound`` when the message does not exist (its pool was deleted).
    func updateMessage(id: String, document: Data) async throws

    /// Deletes every message whose id is below `id` in byte order: as ids follow creation, the
    /// messages created before one with that id.
    /// - Returns: how many were deleted.
    func deleteMessages(before id: String) async throws -> Int

    /// The newest messages, those of one pool and/or to one recipient when given, newest first.
    /// - Parameter limit: at least 1.
    func messages(userPoolID: String?, recipient: String?, limit: Int) async throws -> [MessageRecord]
}
