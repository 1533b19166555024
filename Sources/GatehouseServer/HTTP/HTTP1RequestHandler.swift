import AWSWire
import CognitoModel
import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTPTypes

/// Collects one request's head and body, then hands it to ``HTTP1Exchange`` (the Cognito API's
/// requests straight to its dispatcher) in a task started on the connection's event loop. NIO's
/// pipelining handler, earlier in the pipeline, holds back the next request of the connection
/// until this one's response has ended. A request must arrive whole within the request timeout of
/// the connection opening or its last response (``ConnectionLimits``), else the connection closes;
/// a body over the limit (413) or over the body budget of all connections (TooManyRequestsException)
/// is answered as soon as that is known, and the connection ended.
final class HTTP1RequestHandler<Responder: HTTPResponder>: ChannelInboundHandler
where Responder.Context == GatehouseRequestContext {
    typealias InboundIn = HTTPRequestPart

    private let exchange: HTTP1Exchange<Responder>
    private let maximumBodySize: Int
    private let limits: ConnectionLimits
    private var head: HTTPRequest?
    private var body: ByteBuffer?
    /// The body of the current request was refused (too large, or over the budget): it has been
    /// answered, the rest is ignored.
    private var refused = false
    /// Bytes of the current body counted against the limits' body budget.
    private var reserved = 0
    /// A request has arrived whole and its response is not written yet.
    private var answering = false
    /// The client has closed its side: the connection ends once nothing is left to answer.
    private var inputClosed = false
    private var deadline: Scheduled<Void>?

    init(exchange: HTTP1Exchange<Responder>, maximumBodySize: Int, limits: ConnectionLimits) {
        self.exchange = exchange
        self.maximumBodySize = maximumBodySize
        self.limits = limits
    }

    func handlerAdded(context: ChannelHandlerContext) {
        armDeadline(context: context)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        releaseBody()
    }

    /// The current body no longer counts against the budget.
    private func releaseBody() {
        limits.unreserve(reserved)
        reserved = 0
    }

    /// Closes the connection unless its next request has arrived whole within the request timeout.
    private func armDeadline(context: ChannelHandlerContext) {
        deadline?.cancel()
        let channel = context.channel
        deadline = context.eventLoop.scheduleTask(in: limits.requestTimeout) { channel.close(promise: nil) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = nil
            refused = false
            if let declared = head.headerFields[.contentLength].flatMap(Int.init), declared > maximumBodySize {
                refuse(head, context: context, error: .requestEntityTooLarge(limit: maximumBodySize))
            }
        case .body(var part):
            guard !refused else { return }
            guard limits.reserve(part.readableBytes) else {
                if let head { refuse(head, context: context, error: Self.busy) }
                return
            }
            reserved += part.readableBytes
            if body == nil {
                body = part
            } else {
                body!.writeBuffer(&part)
            }
            if body!.readableBytes > maximumBodySize, let head {
                refuse(head, context: context, error: .requestEntityTooLarge(limit: maximumBodySize))
            }
        case .end:
            guard let head, !refused else { return }
            deadline?.cancel()
            releaseBody()
            answering = true
            let body = self.body ?? ByteBuffer()
            self.head = nil
            self.body = nil
            let exchange = exchange
            let channel = context.channel
            if HTTP1Exchange<Responder>.isAPIRequest(head) {
                Task { await exchange.answerAPI(head, body: body, on: channel) }
            } else {
                let request = Request(head: head, body: RequestBody(buffer: body))
                Task { await exchange.answer(request, on: channel) }
            }
        }
    }

    /// What a body that would pass the body budget gets.
    static var busy: AWSServiceError {
        .tooManyRequestsException("The server is receiving too many request bodies at once; try again later.")
    }

    /// Answers `error` to a body the server will not read (over the limit, or over the budget),
    /// without reading the rest, and ends the connection.
    private func refuse(_ head: HTTPRequest, context: ChannelHandlerContext, error: AWSServiceError) {
        refused = true
        body = nil
        releaseBody()
        deadline?.cancel()
        exchange.refuseBody(head, with: error, on: context.channel)
    }

    /// A response has been written: the time for the next request starts, or, when the client
    /// has closed its side, the connection ends. A client that closes its side with nothing to
    /// answer ends it at once (the server allows half-closed connections, so this is not automatic).
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is HTTP1ResponseWritten {
            answering = false
            if inputClosed { context.close(promise: nil) } else { armDeadline(context: context) }
        } else if let event = event as? ChannelEvent, event == .inputClosed {
            inputClosed = true
            if !answering { context.close(promise: nil) }
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    /// A request that is not HTTP has been answered 400 by NIO's error handler; the connection
    /// cannot continue, so it closes.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
