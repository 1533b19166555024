import AWSWire
import Foundation

/// A refresh token: what it takes to issue new tokens for one sign-in, encrypted under a server-wide
/// key as a JWE in compact form (`dir`, A256GCM), opaque to clients like Cognito's. Every process
/// sharing the database can open it; nobody else can read or forge one.
public struct RefreshToken: Sendable, Equatable {
    /// This token's own id: rotation (GetTokensFromRefreshToken) retires it by this id.
    public var id: String
    public var clientID: String
    public var sub: String
    /// The sign-in's ``SignInSessionID``.
    public var originJTI: String
    public var authTime: Date
    public var expiry: Date
    /// The device the sign-in was made on: the token refreshes only with it.
    public var deviceKey: String?
    /// The scopes an OAuth sign-in (managed login) was granted, which its refreshed tokens keep;
    /// `nil` for the API's sign-ins.
    public var scopes: [String]?

    public init(id: String, clientID: String, sub: String, originJTI: String, authTime: Date, expiry: Date, deviceKey: String? = nil,
                scopes: [String]? = nil) {
        self.id = id
        self.clientID = clientID
        self.sub = sub
        self.originJTI = originJTI
        self.authTime = authTime
        self.expiry = expiry
        self.deviceKey = deviceKey
        self.scopes = scopes
    }

    static let header = Data(#"{"cty":"JWT","enc":"A256GCM","alg":"dir"}"#.utf8).base64URLEncoded

    /// The token's text.
    public func sealed(with key: SealingKey, random: RandomSource) -> String {
        var writer = JSONWriter(capacity: 200)
        writer.beginObject()
        writer.member("jti", id)
        writer.member("client_id", clientID)
        writer.member("sub", sub)
        writer.member("origin_jti", originJTI)
        writer.member("auth_time", authTime.timeIntervalSince1970)
        writer.member("exp", expiry.timeIntervalSince1970)
        if let deviceKey { writer.member("device_key", deviceKey) }
        if let scopes { writer.member("scope", scopes) }
        writer.endObject()
        let sealed = key.seal(writer.bytes, context: Self.header, random: random)
        let nonce = sealed.prefix(12), tag = sealed.suffix(16), ciphertext = sealed.dropFirst(12).dropLast(16)
        return [Self.header, "", nonce.base64URLEncoded, Data(ciphertext).base64URLEncoded, Data(tag).base64URLEncoded]
            .joined(separator: ".")
    }

    /// The token `text` holds.
    /// - Throws: `NotAuthorizedException` "Invalid Refresh Token" when this server did not seal it.
    public init(opening text: String, with key: SealingKey) throws(AWSServiceError) {
        let invalid = AWSServiceError.notAuthorizedException("Invalid Refresh Token")
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5, parts[0] == Self.header, parts[1].isEmpty,
              let nonce = Data(base64URLEncoded: parts[2]), nonce.count == 12,
              let ciphertext = Data(base64URLEncoded: parts[3]), let tag = Data(base64URLEncoded: parts[4]), tag.count == 16,
              let plain = key.open(nonce + ciphertext + tag, context: Self.header),
              let claims = try? JSONNode(parsing: [UInt8](plain)), let id = claims["jti"]?.string,
              let clientID = claims["client_id"]?.string, let sub = claims["sub"]?.string,
              let originJTI = claims["origin_jti"]?.string,
              case .number(let authTime)? = claims["auth_time"], let authSeconds = Double(authTime),
              case .number(let expiry)? = claims["exp"], let expirySeconds = Double(expiry) else { throw invalid }
        self.init(id: id, clientID: clientID, sub: sub, originJTI: originJTI, authTime: Date(timeIntervalSince1970: authSeconds),
                  expiry: Date(timeIntervalSince1970: expirySeconds), deviceKey: claims["device_key"]?.string,
                  scopes: claims["scope"]?.array?.compactMap(\.string))
    }
}
