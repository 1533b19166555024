import AWSWire
import Foundation

/// A pool's two token signing keys, the pairs a rotation retired (still published and accepted
/// until every token they signed has expired), and how they are stored: the private keys' DER
/// sealed with a server-wide ``SealingKey`` bound to the pool, so a stored document read on its own
/// gives no key.
public struct PoolSigningKeys: Sendable {
    public let idToken: TokenSigningKey
    public let accessToken: TokenSigningKey
    /// Pairs replaced by ``rotated(now:)``, newest first.
    public let retired: [Retired]

    /// A pair replaced by a rotation, kept until `until`.
    public struct Retired: Sendable {
        public let idToken: TokenSigningKey
        public let accessToken: TokenSigningKey
        public let until: Date
    }

    /// How long a retired pair is kept: the longest an ID or access token lives (a day), and a
    /// minute for clocks and caches.
    public static let retirement: TimeInterval = 24 * 3600 + 60

    public init(idToken: TokenSigningKey, accessToken: TokenSigningKey, retired: [Retired] = []) {
        self.idToken = idToken
        self.accessToken = accessToken
        self.retired = retired
    }

    /// Two new keys.
    public static func generate() -> PoolSigningKeys {
        PoolSigningKeys(idToken: .generate(), accessToken: .generate())
    }

    /// Two new keys, these retired until ``retirement`` from `now` (with the retired pairs still kept).
    public func rotated(now: Date) -> PoolSigningKeys {
        let retiring = Retired(idToken: idToken, accessToken: accessToken, until: now.addingTimeInterval(Self.retirement))
        return PoolSigningKeys(idToken: .generate(), accessToken: .generate(), retired: [retiring] + kept(at: now))
    }

    /// The keys that verify an access token at `now`: the current one and those retired since less than ``retirement``.
    public func accessTokenKeys(at now: Date) -> [TokenSigningKey] {
        [accessToken] + kept(at: now).map(\.accessToken)
    }

    private func kept(at now: Date) -> [Retired] {
        retired.filter { $0.until > now }
    }

    /// The document to store for the pool `userPoolID`: each key's DER after its length (4 bytes),
    /// the current pair first, then each retired pair after its end (milliseconds, 8 bytes).
    public func sealed(for userPoolID: String, with key: SealingKey, random: RandomSource) -> Data {
        var plain = Data()
        func append(_ signingKey: TokenSigningKey) {
            let der = signingKey.derRepresentation
            plain.append(contentsOf: withUnsafeBytes(of: UInt32(der.count).bigEndian, Array.init))
            plain.append(der)
        }
        append(idToken)
        append(accessToken)
        for pair in retired {
            plain.append(contentsOf: withUnsafeBytes(of: UInt64(pair.until.timeIntervalSince1970 * 1000).bigEndian, Array.init))
            append(pair.idToken)
            append(pair.accessToken)
        }
        return key.seal(plain, context: Self.context(userPoolID), random: random)
    }

    /// The keys in a document ``sealed(for:with:random:)`` made for `userPoolID`.
    /// - Throws: `InternalErrorException` when it was not sealed with this key for this pool.
    public init(opening document: Data, for userPoolID: String, with key: SealingKey) throws(AWSServiceError) {
        guard let plain = key.open(document, context: Self.context(userPoolID)) else { throw .internalError }
        var rest = plain[...]
        func number(_ width: Int) -> UInt64? {
            guard rest.count >= width else { return nil }
            defer { rest = rest.dropFirst(width) }
            return rest.prefix(width).reduce(0) { $0 << 8 | UInt64($1) }
        }
        func signingKey() -> TokenSigningKey? {
            guard let length = number(4).map(Int.init), rest.count >= length else { return nil }
            defer { rest = rest.dropFirst(length) }
            return TokenSigningKey(derRepresentation: Data(rest.prefix(length)))
        }
        guard let idToken = signingKey(), let accessToken = signingKey() else { throw .internalError }
        var retired: [Retired] = []
        while !rest.isEmpty {
            guard let until = number(8), let retiredID = signingKey(), let retiredAccess = signingKey() else { throw .internalError }
            retired.append(Retired(idToken: retiredID, accessToken: retiredAccess,
                                   until: Date(timeIntervalSince1970: Double(until) / 1000)))
        }
        self.init(idToken: idToken, accessToken: accessToken, retired: retired)
    }

    /// The JWKS document at `now`: `{"keys":[…]}`, the ID token's key first, then the keys retired
    /// since less than ``retirement``.
    public func jwks(at now: Date) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("keys", [idToken, accessToken] + kept(at: now).flatMap { [$0.idToken, $0.accessToken] })
        writer.endObject()
        return writer.bytes
    }

    private static func context(_ userPoolID: String) -> String { "signing-keys/\(userPoolID)" }
}
