import Foundation
import GatehouseCore
import HTTPTypes
import Hummingbird
import NIOCore

/// Hummingbird's per-request context, carrying the request id that every response and log line shows.
public struct GatehouseRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// A UUID, sent back as `x-amzn-RequestId`.
    public let requestID: String
    /// Who sent the request.
    public let remoteAddress: SocketAddress?

    public init(source: Source) {
        coreContext = .init(source: source)
        requestID = RandomSource.system.uuid()
        remoteAddress = source.channel.remoteAddress
    }
}
