import AWSWire
import Foundation

/// The claims of an access token this server signed, once its signature, use and expiry are checked.
public struct AccessTokenClaims: Sendable, Equatable {
    public let sub: String
    public let username: String
    public let clientID: String
    public let originJTI: String
    public let scopes: [String]
    public let issuedAt: Date

    /// What every access token this server did not sign, or not for this use, gets.
    public static let invalid = AWSServiceError.notAuthorizedException("Invalid Access Token")

    /// The pool an access token says it is from (the last path segment of `iss`), unchecked: the
    /// pool whose keys then check it. `nil` when the text is not a JWT with an issuer.
    public static func userPoolID(of token: JSONWebToken) -> String? {
        token.claims["iss"]?.string?.split(separator: "/").last.map(String.init)
    }

    /// Checks `token` against the issuer of its pool.
    /// - Throws: `NotAuthorizedException` "Invalid Access Token" for a token the pool's access key
    ///   (or one retired less than a day ago) did not sign, of another issuer or not an access token; "Access Token has expired" after `exp`.
    public init(verifying token: JSONWebToken, issuer: TokenIssuer, now: Date) throws(AWSServiceError) {
        let claims = token.claims
        guard issuer.keys.accessTokenKeys(at: now).contains(where: token.isSigned(by:)), claims["iss"]?.string == issuer.issuer,
              claims["token_use"]?.string == "access",
              let sub = claims["sub"]?.string, let username = claims["username"]?.string,
              let clientID = claims["client_id"]?.string, let originJTI = claims["origin_jti"]?.string,
              let expiry = claims["exp"]?.int, let issuedAt = claims["iat"]?.int else { throw Self.invalid }
        guard Double(expiry) > now.timeIntervalSince1970 else { throw .notAuthorizedException("Access Token has expired") }
        self.sub = sub
        self.username = username
        self.clientID = clientID
        self.originJTI = originJTI
        scopes = (claims["scope"]?.string ?? "").split(separator: " ").map(String.init)
        self.issuedAt = Date(timeIntervalSince1970: Double(issuedAt))
    }
}
