import AWSWire
import Foundation

/// Who signed in to the console, when the server has access keys: the key's id and when the
/// session ends, sealed into the cookie's value (``SealedText``), so that any process of the store
/// reads it with no store read. A key taken out of the access keys file ends its sessions at the
/// next start, as the key is then looked up in vain.
public struct ConsoleSession: Sendable, Equatable {
    public let accessKeyID: String
    public let expiry: Date

    public static let cookie = "gatehouse_console"
    public static let lifetime: TimeInterval = 8 * 3600
    static let sealContext = "console-session"

    public init(accessKeyID: String, expiry: Date) {
        self.accessKeyID = accessKeyID
        self.expiry = expiry
    }

    /// The cookie's value.
    public func sealed(with key: SealingKey, random: RandomSource) -> String {
        SealedText.seal(Self.sealContext, with: key, random: random) { writer in
            writer.member("AccessKeyId", accessKeyID)
            writer.member("Expiry", Int64(expiry.timeIntervalSince1970))
        }
    }

    /// The session a cookie's value holds, if this server's key sealed it and it has not ended at `now`.
    public init?(cookie: String, key: SealingKey, now: Date) {
        guard let fields = SealedText.open(cookie, context: Self.sealContext, with: key),
              let id = fields["AccessKeyId"]?.string, let expiry = SealedText.date(fields["Expiry"]), expiry > now else { return nil }
        self.init(accessKeyID: id, expiry: expiry)
    }
}
