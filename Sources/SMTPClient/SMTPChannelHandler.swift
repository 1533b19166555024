import NIOConcurrencyHelpers
import NIOCore
import NIOSSL

/// Writes ``SMTPRequest``s and completes their promises with the server's replies, in order.
///
/// Incoming bytes are framed into lines and assembled into multi-line replies by ``SMTPReplyParser``. The
/// first reply (the server greeting) completes the promise given at initialisation; every later reply
/// completes the oldest outstanding request. A reply that nobody waits for is a protocol violation.
///
/// The handler fails the connection, and every outstanding and future request, with an ``SMTPError`` when
/// the deadline passes (``SMTPError/Kind/timeout``), the server closes the connection
/// (``SMTPError/Kind/connectionClosed``), the input is malformed (``SMTPError/Kind/protocolViolation``) or
/// an error is caught in the pipeline (``SMTPError/Kind/tlsFailure`` for TLS errors). The first failure wins
/// and is also recorded in the box given at initialisation, so that it can be reported for commands written
/// after the channel has already been torn down.
final class SMTPChannelHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = SMTPRequest
    typealias OutboundOut = ByteBuffer

    private var parser = SMTPReplyParser()
    private var awaitingReplies: CircularBuffer<EventLoopPromise<SMTPReply>>
    private let failure: NIOLockedValueBox<SMTPError?>
    private let deadline: NIODeadline
    private var deadlineTask: Scheduled<Void>?

    /// - Parameters:
    ///   - greetingPromise: Completed with the server's first reply.
    ///   - deadline: When the whole exchange times out.
    ///   - failure: Receives the first failure of the connection; must initially hold `nil`.
    init(greetingPromise: EventLoopPromise<SMTPReply>, deadline: NIODeadline, failure: NIOLockedValueBox<SMTPError?>) {
        self.awaitingReplies = [greetingPromise]
        self.deadline = deadline
        self.failure = failure
    }

    /// Whether bytes of an incomplete reply are buffered. Must be `false` when TLS is started, otherwise
    /// plain-text input could be mistaken for data that arrived over TLS.
    var hasBufferedInput: Bool { parser.hasBufferedInput }

    func handlerAdded(context: ChannelHandlerContext) {
        deadlineTask = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            self.fail(SMTPError(.timeout, "the SMTP exchange timed out"), context: context)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        failOutstandingRequests(with: SMTPError(.connectionClosed, "the SMTP connection was closed"))
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        guard failure.withLockedValue({ $0 == nil }) else { return }
        do {
            for reply in try parser.parse(&bytes) {
                guard !awaitingReplies.isEmpty else {
                    throw SMTPError(.protocolViolation, "the server sent a reply that was not asked for", reply: reply)
                }
                awaitingReplies.removeFirst().succeed(reply)
            }
        } catch {
            fail(error as? SMTPError ?? SMTPError(.protocolViolation, "invalid reply", underlyingError: error), context: context)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        if let failure = failure.withLockedValue({ $0 }) {
            request.replyPromise.fail(failure)
            promise?.fail(failure)
            return
        }
        awaitingReplies.append(request.replyPromise)
        context.write(wrapOutboundOut(context.channel.allocator.buffer(string: request.command.wireString)), promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(SMTPError(.connectionClosed, "the server closed the connection"), context: context)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let smtpError: SMTPError
        switch error {
        case let error as SMTPError:
            smtpError = error
        case is NIOSSLError, is BoringSSLError, is NIOSSLExtraError:
            smtpError = SMTPError(.tlsFailure, "TLS failed", underlyingError: error)
        default:
            smtpError = SMTPError(.connectionClosed, "the connection failed", underlyingError: error)
        }
        fail(smtpError, context: context)
    }

    /// Fails all outstanding requests (see ``failOutstandingRequests(with:)``) and closes the channel.
    private func fail(_ error: SMTPError, context: ChannelHandlerContext) {
        failOutstandingRequests(with: error)
        context.close(promise: nil)
    }

    /// Records `error` unless a failure was recorded before, stops the deadline timer and fails all
    /// outstanding requests with the first recorded failure.
    private func failOutstandingRequests(with error: SMTPError) {
        let failure = self.failure.withLockedValue { recorded in
            if let recorded {
                return recorded
            }
            recorded = error
            return error
        }
        deadlineTask?.cancel()
        deadlineTask = nil
        while let promise = awaitingReplies.popFirst() {
            promise.fail(failure)
        }
    }
}

@available(*, unavailable)
extension SMTPChannelHandler: Sendable {}
