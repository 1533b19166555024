import Crypto
import Synchronization

/// The last signing key a ``SigV4Signer`` derived, kept for the signers that share this cache: a
/// key lasts a day for one secret, region and service, and deriving it takes four HMACs.
public final class SigV4KeyCache: Sendable {
    private let last = Mutex<(scope: String, secret: String, key: [UInt8])?>(nil)

    public init() {}

    /// The key of `scope` (`date/region/service`) and `secret`, derived by `derive` when not kept.
    func key(scope: String, secret: String, derive: () -> SymmetricKey) -> SymmetricKey {
        if let kept = last.withLock({ $0 }), kept.scope == scope, kept.secret == secret { return SymmetricKey(data: kept.key) }
        let key = derive()
        let bytes = key.withUnsafeBytes { Array($0) }
        last.withLock { $0 = (scope, secret, bytes) }
        return key
    }
}
