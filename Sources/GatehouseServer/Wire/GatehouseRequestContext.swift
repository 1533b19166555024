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

    public init(source: Source) {
        coreContext = .init(source: source)
        requestID = Self.newRequestID()
    }

    /// A random (version 4) UUID in lowercase, written from ``RandomSource/system``'s bytes:
    /// Foundation's `UUID().uuidString.lowercased()` cost about 1% of a request.
    static func newRequestID() -> String {
        var bytes = RandomSource.system.bytes(16)
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let hex: StaticString = "0123456789abcdef"
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            switch index {
            case 4, 6, 8, 10: text.append(UInt8(ascii: "-"))
            default: break
            }
            text.append(hex.utf8Start[Int(byte >> 4)])
            text.append(hex.utf8Start[Int(byte & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
