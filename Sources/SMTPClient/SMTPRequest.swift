import NIOCore

/// A command for ``SMTPChannelHandler`` to write, and the promise for the server's reply to it.
struct SMTPRequest: Sendable {
    var command: SMTPCommand
    var replyPromise: EventLoopPromise<SMTPReply>
}
