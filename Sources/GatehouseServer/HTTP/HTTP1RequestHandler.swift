import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTPTypes

/// Collects one request's head and body, then hands it to ``HTTP1Exchange`` (the Cognito API's
/// requests straight to its dispatcher) in a task started on the connection's event loop. NIO's
/// pipelining handler, earlier in the pipeline, holds back the next request of the connection
/// until this one's response has ended.
final class HTTP1RequestHandler<Responder: HTTPResponder>: ChannelInboundHandler
where Responder.Context == GatehouseRequestContext {
    typealias InboundIn = HTTPRequestPart

    private let exchange: HTTP1Exchange<Responder>
    private let maximumBodySize: Int
    private var head: HTTPRequest?
    private var body: ByteBuffer?

    init(exchange: HTTP1Exchange<Responder>, maximumBodySize: Int) {
        self.exchange = exchange
        self.maximumBodySize = maximumBodySize
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = nil
        case .body(var part):
            if body == nil {
                body = part
            } else if body!.readableBytes <= maximumBodySize {
                body!.writeBuffer(&part)
            }
        case .end:
            guard let head else { return }
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

    /// A request that is not HTTP has been answered 400 by NIO's error handler; the connection
    /// cannot continue, so it closes.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
