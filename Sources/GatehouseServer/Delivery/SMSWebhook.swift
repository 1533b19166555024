import AWSWire
import AsyncHTTPClient
import Foundation
import GatehouseCore
import NIOCore

/// Delivers SMS by POSTing each as JSON to a URL: `{"To": "+1555…", "Body": "…", "Username": "…",
/// "Trigger": "SignUp"}`. Any 2xx answer means delivered.
struct SMSWebhook: MessageTransport {
    struct Refusal: Error, CustomStringConvertible {
        let description: String
    }

    let url: String

    func deliver(_ message: OutboxMessage) async throws {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("To", message.to)
        writer.member("Body", message.body)
        writer.member("Username", message.username)
        writer.member("Trigger", message.trigger)
        writer.endObject()
        request.body = .bytes(ByteBuffer(bytes: writer.bytes))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        guard (200..<300).contains(response.status.code) else {
            throw Refusal(description: "the SMS webhook answered \(response.status.code)")
        }
    }
}
