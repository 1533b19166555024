import AWSWire
import GatehouseCore
import GatehouseStorage
import Hummingbird

/// The development outbox's endpoint and document.
struct Outbox: Sendable {
    let storage: any Storage

    /// `GET /_gatehouse/outbox?userPoolId=…&recipient=…&limit=…`: the newest messages (50 unless
    /// `limit` says, at most 1,000), of one pool and/or to one recipient when given, newest first,
    /// as `{"Messages": [{"Id", "UserPoolId", "CreationDate", "Medium", "To", "From", "ReplyTo",
    /// "Subject", "Body", "Trigger", "Username", "Status", "Detail"}]}`.
    func answer(_ query: Parameters) async throws -> Response {
        let limit = query.get("limit", as: Int.self).map { min(max($0, 1), 1000) } ?? 50
        let records = try await storage.messages(userPoolID: query.get("userPoolId"), recipient: query.get("recipient"), limit: limit)
        return Response(status: .ok, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try Self.document(records))))
    }

    /// `{"Messages": [...]}` for the outbox endpoint and `gatehouse outbox`.
    static func document(_ records: [MessageRecord]) throws -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("Messages", try records.map(OutboxEntry.init(record:)))
        writer.endObject()
        return writer.bytes
    }
}

/// A message of the outbox with its record's columns, as the outbox endpoint and `gatehouse outbox` show it.
struct OutboxEntry: JSONEncodable {
    let record: MessageRecord
    let message: OutboxMessage

    init(record: MessageRecord) throws {
        self.record = record
        message = try AWSJSON.decode(OutboxMessage.self, from: record.document)
    }

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("Id", record.id)
        writer.member("UserPoolId", record.userPoolID)
        writer.member("CreationDate", record.creationDate)
        message.writeMembers(to: &writer)
        writer.endObject()
    }
}
