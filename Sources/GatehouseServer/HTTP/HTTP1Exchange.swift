import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTPTypes

/// One request answered: the responder's response, with `Date` and `Server`, written to the channel.
struct HTTP1Exchange<Responder: HTTPResponder>: Sendable where Responder.Context == GatehouseRequestContext {
    let responder: Responder
    let serverName: String
    let logger: Logger

    /// Runs the responder and writes its response; a responder that throws (the error middleware
    /// normally answers every error) gets an empty 500. Closes the connection when the request
    /// asked for it or the body could not be written.
    func answer(_ request: Request, on channel: any Channel) async {
        let context = GatehouseRequestContext(source: .init(channel: channel, logger: logger))
        var response: Response
        do {
            response = try await responder.respond(to: request, context: context)
        } catch {
            logger.error("responder failed", metadata: ["error": "\(String(reflecting: error))"])
            response = Response(status: .internalServerError)
        }
        response.headers[.date] = HTTPDate.now()
        response.headers[.server] = serverName
        channel.write(HTTPResponsePart.head(response.head), promise: nil)
        do {
            try await response.body.write(ChannelBodyWriter(channel: channel))
        } catch {
            channel.close(promise: nil)
            return
        }
        if request.headers[.connection]?.lowercased() == "close" {
            channel.close(promise: nil)
        }
    }
}

/// Writes a response body's buffers to the channel; `finish` writes the end and flushes.
private struct ChannelBodyWriter: ResponseBodyWriter {
    let channel: any Channel

    mutating func write(_ buffer: ByteBuffer) async throws {
        channel.write(HTTPResponsePart.body(buffer), promise: nil)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        channel.writeAndFlush(HTTPResponsePart.end(trailingHeaders), promise: nil)
    }
}
