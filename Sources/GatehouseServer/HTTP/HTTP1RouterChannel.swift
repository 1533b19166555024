import GatehouseCore
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypesHTTP1
import NIOSSL

/// Hummingbird's HTTP/1.1 server connection, answered by a responder straight from NIO's pipeline.
///
/// Hummingbird's own `HTTP1Channel` passes every request part and response part through
/// `NIOAsyncChannel`'s async sequences and a task per connection (with it, DescribeUserPool served
/// 8,200 req/s on the benchmark's 2-core machine; with this channel, 10,700). Here a channel
/// handler collects each request and runs the responder in one task, started on the connection's
/// event loop (the NIO executor keeps it there), which writes the response back through the channel.
/// Hummingbird still runs the server: binding, the services, graceful shutdown
/// (``HTTPConnectionStateHandler`` closes each connection once its current response is written).
struct HTTP1RouterChannel<Responder: HTTPResponder>: ServerChildChannel
where Responder.Context == GatehouseRequestContext {
    struct Value: ServerChildChannelValue {
        let channel: any Channel
    }

    let responder: Responder
    /// Answers the Cognito API's requests (`POST /`) without going through the router.
    let dispatcher: AWSJSONDispatcher
    /// The `Host` names answered.
    let hosts: HostAllowList
    /// A request whose body is larger than this is answered 413 as soon as that is known (from its
    /// Content-Length, or as its parts arrive), and its connection closed.
    let maximumBodySize: Int
    let limits: ConnectionLimits
    /// TLS in front of HTTP, or `nil` for plain HTTP.
    let tls: NIOSSLContext?
    /// The `Server` header of every response.
    let serverName: String

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            guard limits.admit() else {
                channel.close(promise: nil)
                return Value(channel: channel)
            }
            channel.closeFuture.whenComplete { _ in limits.release() }
            let pipeline = channel.pipeline.syncOperations
            if let tls { try pipeline.addHandler(NIOSSLServerHandler(context: tls)) }
            // Response headers come from HTTPTypes' `HTTPFields`, which has validated them already.
            try pipeline.configureHTTPServerPipeline(withPipeliningAssistance: true, withErrorHandling: true,
                                                     withOutboundHeaderValidation: false)
            try pipeline.addHandler(HTTP1ToHTTPServerCodec(secure: tls != nil))
            try pipeline.addHandler(HTTPConnectionStateHandler(logger: logger))
            try pipeline.addHandler(HTTP1RequestHandler(
                exchange: HTTP1Exchange(responder: responder, dispatcher: dispatcher, hosts: hosts, serverName: serverName, logger: logger),
                maximumBodySize: maximumBodySize, limits: limits))
            return Value(channel: channel)
        }
    }

    /// Waits for the connection to close; cancelled, closes it.
    func handle(value: Value, logger: Logger) async {
        await withTaskCancellationHandler {
            try? await value.channel.closeFuture.get()
        } onCancel: {
            value.channel.close(promise: nil)
        }
    }
}
