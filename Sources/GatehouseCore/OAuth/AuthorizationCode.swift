import AWSWire
import Foundation

/// An authorization code: what `/oauth2/token` needs to issue a signed-in user's tokens, sealed
/// under a server key so that any process opens it without a store read. Single use is recorded
/// by its ``id`` (SessionUseStore) when it is redeemed.
public struct AuthorizationCode: Sendable, Equatable {
    /// Codes are valid for five minutes (the authorize endpoint's documentation).
    public static let lifetime: TimeInterval = 300

    public var id: String
    public var userPoolID: String
    public var clientID: String
    public var sub: String
    public var redirectURI: String
    public var scopes: [String]
    public var nonce: String?
    /// The S256 `code_challenge` of the authorize request, when it sent one.
    public var codeChallenge: String?
    /// When the user proved a password on the managed login pages.
    public var authTime: Date
    public var expiry: Date

    public init(id: String, userPoolID: String, clientID: String, sub: String, redirectURI: String, scopes: [String], nonce: String?,
                codeChallenge: String?, authTime: Date, expiry: Date) {
        self.id = id
        self.userPoolID = userPoolID
        self.clientID = clientID
        self.sub = sub
        self.redirectURI = redirectURI
        self.scopes = scopes
        self.nonce = nonce
        self.codeChallenge = codeChallenge
        self.authTime = authTime
        self.expiry = expiry
    }

    static let context = "authorization-code"

    /// The code's text, as the redirect carries it.
    public func sealed(with key: SealingKey, random: RandomSource) -> String {
        SealedText.seal(Self.context, with: key, random: random) { writer in
            writer.member("i", id)
            writer.member("p", userPoolID)
            writer.member("c", clientID)
            writer.member("s", sub)
            writer.member("r", redirectURI)
            writer.member("o", scopes)
            if let nonce { writer.member("n", nonce) }
            if let codeChallenge { writer.member("x", codeChallenge) }
            writer.member("t", authTime.timeIntervalSince1970)
            writer.member("e", expiry.timeIntervalSince1970)
        }
    }

    /// The code `text` holds, whether or not it has expired; `nil` when this server did not make it.
    public init?(opening text: String, with key: SealingKey) {
        guard let fields = SealedText.open(text, context: Self.context, with: key), let id = fields["i"]?.string,
              let userPoolID = fields["p"]?.string, let clientID = fields["c"]?.string, let sub = fields["s"]?.string,
              let redirectURI = fields["r"]?.string, let scopes = fields["o"]?.array?.compactMap(\.string),
              let authTime = SealedText.date(fields["t"]), let expiry = SealedText.date(fields["e"]) else { return nil }
        self.init(id: id, userPoolID: userPoolID, clientID: clientID, sub: sub, redirectURI: redirectURI, scopes: scopes,
                  nonce: fields["n"]?.string, codeChallenge: fields["x"]?.string, authTime: authTime, expiry: expiry)
    }
}
