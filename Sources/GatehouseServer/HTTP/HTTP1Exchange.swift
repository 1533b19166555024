import AWSWire
import GatehouseCore
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTPTypes

/// One request answered: by the dispatcher for the Cognito API, by the responder otherwise; the
/// response, with `Date` and `Server`, is written to the channel.
struct HTTP1Exchange<Responder: HTTPResponder>: Sendable where Responder.Context == GatehouseRequestContext {
    let responder: Responder
    let dispatcher: AWSJSONDispatcher
    /// The `Host` names answered; a request to another is refused with 403.
    let hosts: HostAllowList
    let serverName: String
    let logger: Logger

    /// Whether a request with `head` is the Cognito API's (`POST /`, with or without a query),
    /// which ``answerAPI(_:body:on:)`` answers.
    static func isAPIRequest(_ head: HTTPRequest) -> Bool {
        guard head.method == .post, let path = head.path, path.utf8.first == UInt8(ascii: "/") else { return false }
        return path.utf8.count == 1 || path.utf8.dropFirst().first == UInt8(ascii: "?")
    }

    /// Answers a Cognito API request through the dispatcher, with the body the channel collected
    /// (no router, no middleware and no body stream in between). Closes the connection when the
    /// request asked for it.
    func answerAPI(_ head: HTTPRequest, body: ByteBuffer, on channel: any Channel) async {
        let requestID = RandomSource.system.uuid()
        let answer = hosts.allows(head.authority)
            ? await dispatcher.answer(head, peer: channel.remoteAddress, requestID: requestID, logger: logger) { body }
            : Self.refusal(of: head, requestID: requestID)
        var headers = answer.headers
        headers[.contentLength] = String(answer.body.readableBytes)
        write(HTTPResponse(status: answer.status, headerFields: headers), on: channel)
        channel.write(HTTPResponsePart.body(answer.body), promise: nil)
        channel.writeAndFlush(HTTPResponsePart.end(nil), promise: nil)
        closeIfAsked(by: head, channel)
        Self.signalResponseWritten(on: channel)
    }

    /// Answers `error` to a request whose body the server will not read (413 over the limit, or
    /// TooManyRequestsException over the body budget), then ends the connection, whose unread body
    /// cannot be skipped: its output at once (the client sees the answer, then the end), and the
    /// whole connection two seconds later. Closing it at once while the client still sends would
    /// reset it, and the client could lose the answer.
    func refuseBody(_ head: HTTPRequest, with error: AWSServiceError, on channel: any Channel) {
        var answer = AWSJSONDispatcher.answer(for: error)
        answer.headers[AWSJSONDispatcher.requestID] = RandomSource.system.uuid()
        answer.headers[.contentLength] = String(answer.body.readableBytes)
        answer.headers[.connection] = "close"
        write(HTTPResponse(status: answer.status, headerFields: answer.headers), on: channel)
        channel.write(HTTPResponsePart.body(answer.body), promise: nil)
        channel.writeAndFlush(HTTPResponsePart.end(nil)).whenComplete { _ in
            channel.close(mode: .output, promise: nil)
            channel.eventLoop.scheduleTask(in: .seconds(2)) { channel.close(promise: nil) }
        }
    }

    /// Tells the connection's request handler that its response is written (``HTTP1ResponseWritten``).
    private static func signalResponseWritten(on channel: any Channel) {
        channel.eventLoop.execute { channel.pipeline.fireUserInboundEventTriggered(HTTP1ResponseWritten()) }
    }

    /// Runs the responder and writes its response; a responder that throws (the error middleware
    /// normally answers every error) gets an empty 500. Closes the connection when the request
    /// asked for it or the body could not be written.
    func answer(_ request: Request, on channel: any Channel) async {
        let context = GatehouseRequestContext(source: .init(channel: channel, logger: logger))
        var response: Response
        do {
            response = hosts.allows(request.head.authority)
                ? try await responder.respond(to: request, context: context)
                : Self.refusal(of: request.head, requestID: context.requestID).response
        } catch {
            logger.error("responder failed", metadata: ["error": "\(String(reflecting: error))"])
            response = Response(status: .internalServerError)
        }
        write(response.head, on: channel)
        do {
            try await response.body.write(ChannelBodyWriter(channel: channel))
        } catch {
            channel.close(promise: nil)
            return
        }
        closeIfAsked(by: request.head, channel)
        Self.signalResponseWritten(on: channel)
    }

    /// The answer to a request for a `Host` the server does not answer to (a DNS rebinding).
    static func refusal(of head: HTTPRequest, requestID: String) -> AWSJSONDispatcher.Answer {
        var answer = AWSJSONDispatcher.answer(for: AWSServiceError(
            type: "AccessDeniedException", message: "Gatehouse does not answer to the host \(head.authority ?? ""): name it with "
                + "--allowed-host if it is this server's.", status: 403))
        answer.headers[AWSJSONDispatcher.requestID] = requestID
        return answer
    }

    /// Writes `head` with `Date` and `Server` added.
    private func write(_ head: HTTPResponse, on channel: any Channel) {
        var head = head
        head.headerFields[.date] = HTTPDate.now()
        head.headerFields[.server] = serverName
        channel.write(HTTPResponsePart.head(head), promise: nil)
    }

    /// Closes the connection after the response when the request said `Connection: close`.
    private func closeIfAsked(by head: HTTPRequest, _ channel: any Channel) {
        if head.headerFields[.connection]?.lowercased() == "close" {
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
