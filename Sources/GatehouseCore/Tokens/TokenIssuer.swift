import AWSWire
import CognitoModel
import Crypto
import Foundation

/// Whom a set of tokens is for: one user signed in to one app client.
public struct TokenSubject: Sendable, Equatable {
    public var clientID: String
    public var sub: String
    /// `cognito:username` and `username`.
    public var username: String
    /// The user's groups and their roles; each claim is left out when it has nothing to show.
    public var groups: GroupClaims
    /// The attributes the ID token shows (the client's readable ones), `sub` among them or not.
    public var attributes: [AttributeType]
    /// When the user signed in with a password or SRP; refreshes keep it.
    public var authTime: Date
    /// The sign-in's ``SignInSessionID``; refreshes keep it.
    public var originJTI: String
    /// The device the sign-in was made on (presented, or new with its tokens): the access token's `device_key`.
    public var deviceKey: String?
    /// The access token's scopes: ``TokenIssuer/adminScope`` for the API's sign-ins, those granted
    /// for managed login's.
    public var scopes: [String]
    /// Tokens of the OAuth endpoints (managed login) carry `version` 2, and their ID token
    /// `at_hash` and the authorize request's `nonce`.
    public var oauth: OAuthGrant?

    /// What the OAuth endpoints add to a user's tokens.
    public struct OAuthGrant: Sendable, Equatable {
        public var nonce: String?

        public init(nonce: String?) {
            self.nonce = nonce
        }
    }

    public init(clientID: String, sub: String, username: String, groups: GroupClaims, attributes: [AttributeType],
                authTime: Date, originJTI: String, deviceKey: String? = nil, scopes: [String] = [TokenIssuer.adminScope],
                oauth: OAuthGrant? = nil) {
        self.clientID = clientID
        self.sub = sub
        self.username = username
        self.groups = groups
        self.attributes = attributes
        self.authTime = authTime
        self.originJTI = originJTI
        self.deviceKey = deviceKey
        self.scopes = scopes
        self.oauth = oauth
    }
}

/// Signs a pool's ID and access tokens with Cognito's claims, in the order Cognito writes them.
public struct TokenIssuer: Sendable {
    public let keys: PoolSigningKeys
    /// `iss`: the issuer base URL followed by `/` and the pool id.
    public let issuer: String

    public init(keys: PoolSigningKeys, issuer: String) {
        self.keys = keys
        self.issuer = issuer
    }

    /// The scope of tokens from the API sign-in flows.
    public static let adminScope = "aws.cognito.signin.user.admin"

    /// An ID token valid for `lifetime` seconds from `now`, with a PreTokenGeneration function's
    /// changes; for an OAuth grant, with the `at_hash` of `accessToken`.
    public func idToken(for subject: TokenSubject, now: Date, lifetime: Int, random: RandomSource,
                        customization: TokenCustomization? = nil, accessToken: String? = nil) -> String {
        var claims = JSONWriter(capacity: 1024)
        claims.beginObject()
        if subject.oauth != nil, let accessToken { claims.member("at_hash", Self.hashClaim(of: accessToken)) }
        claims.member("sub", subject.sub)
        if !subject.groups.groups.isEmpty { claims.member("cognito:groups", subject.groups.groups) }
        if !subject.groups.roles.isEmpty { claims.member("cognito:roles", subject.groups.roles) }
        if let role = subject.groups.preferredRole { claims.member("cognito:preferred_role", role) }
        for attribute in subject.attributes where attribute.name == "email_verified" || attribute.name == "phone_number_verified" {
            claims.member(named: attribute.name ?? "", UserAttributeRules.isTrue(attribute.value))
        }
        claims.member("iss", issuer)
        claims.member("cognito:username", subject.username)
        claims.member("origin_jti", subject.originJTI)
        if let nonce = subject.oauth?.nonce { claims.member("nonce", nonce) }
        claims.member("aud", subject.clientID)
        claims.member("event_id", random.uuid())
        claims.member("token_use", "id")
        writeTimes(to: &claims, authTime: subject.authTime, now: now, lifetime: lifetime, random: random)
        for attribute in subject.attributes {
            guard let name = attribute.name, let value = attribute.value else { continue }
            switch name {
            case "sub", "email_verified", "phone_number_verified": continue
            case "updated_at" where Int(value) != nil: claims.member("updated_at", Int(value)!)
            case "address": claims.member("address", ["formatted": value])
            default: claims.member(named: name, value)
            }
        }
        claims.endObject()
        let customized = Self.customized(claims.bytes, customization, token: .id, clientID: subject.clientID)
        return JSONWebToken.sign(claims: customized, with: keys.idToken)
    }

    /// An access token valid for `lifetime` seconds from `now`, with the subject's scopes, and with
    /// a PreTokenGeneration function's changes.
    public func accessToken(for subject: TokenSubject, now: Date, lifetime: Int, random: RandomSource,
                            customization: TokenCustomization? = nil) -> String {
        var claims = JSONWriter(capacity: 512)
        claims.beginObject()
        claims.member("sub", subject.sub)
        if !subject.groups.groups.isEmpty { claims.member("cognito:groups", subject.groups.groups) }
        // Where a captured token of a device sign-in has it: after sub (docs/compatibility.md § Devices).
        if let deviceKey = subject.deviceKey { claims.member("device_key", deviceKey) }
        claims.member("iss", issuer)
        if subject.oauth != nil { claims.member("version", 2) }
        claims.member("client_id", subject.clientID)
        claims.member("origin_jti", subject.originJTI)
        claims.member("event_id", random.uuid())
        claims.member("token_use", "access")
        claims.member("scope", subject.scopes.joined(separator: " "))
        writeTimes(to: &claims, authTime: subject.authTime, now: now, lifetime: lifetime, random: random)
        claims.member("username", subject.username)
        claims.endObject()
        let customized = Self.customized(claims.bytes, customization, token: .access, clientID: subject.clientID)
        return JSONWebToken.sign(claims: customized, with: keys.accessToken)
    }

    /// The access token of the client credentials grant: the app client itself is its subject.
    public func clientCredentialsAccessToken(clientID: String, scopes: [String], now: Date, lifetime: Int, random: RandomSource,
                                             customization: TokenCustomization? = nil) -> String {
        var claims = JSONWriter(capacity: 400)
        claims.beginObject()
        claims.member("sub", clientID)
        claims.member("token_use", "access")
        claims.member("scope", scopes.joined(separator: " "))
        let issuedAt = Int(now.timeIntervalSince1970)
        claims.member("auth_time", issuedAt)
        claims.member("iss", issuer)
        claims.member("exp", issuedAt + lifetime)
        claims.member("iat", issuedAt)
        claims.member("version", 2)
        claims.member("jti", random.uuid())
        claims.member("client_id", clientID)
        claims.endObject()
        let customized = Self.customized(claims.bytes, customization, token: .access, clientID: clientID)
        return JSONWebToken.sign(claims: customized, with: keys.accessToken)
    }

    /// `at_hash` (OpenID Connect Core §3.1.3.6): the left half of the token's SHA-256, base64url.
    public static func hashClaim(of token: String) -> String {
        Data(SHA256.hash(data: Data(token.utf8)).prefix(16)).base64URLEncoded
    }

    /// The claims `claims` (JSON written here) with `customization`'s changes for `token`.
    private static func customized(_ claims: [UInt8], _ customization: TokenCustomization?, token: TokenCustomization.Token,
                                   clientID: String) -> [UInt8] {
        guard let customization, let pairs = (try? JSONNode(parsing: claims))?.pairs else { return claims }
        var writer = JSONWriter(capacity: claims.count + 256)
        JSONNode.object(customization.applied(to: pairs, token: token, clientID: clientID)).writeJSON(to: &writer)
        return writer.bytes
    }

    private func writeTimes(to claims: inout JSONWriter, authTime: Date, now: Date, lifetime: Int, random: RandomSource) {
        let issuedAt = Int(now.timeIntervalSince1970)
        claims.member("auth_time", Int(authTime.timeIntervalSince1970))
        claims.member("exp", issuedAt + lifetime)
        claims.member("iat", issuedAt)
        claims.member("jti", random.uuid())
    }
}
