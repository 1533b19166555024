import AWSWire
import CognitoModel
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

    public init(clientID: String, sub: String, username: String, groups: GroupClaims, attributes: [AttributeType],
                authTime: Date, originJTI: String, deviceKey: String? = nil) {
        self.clientID = clientID
        self.sub = sub
        self.username = username
        self.groups = groups
        self.attributes = attributes
        self.authTime = authTime
        self.originJTI = originJTI
        self.deviceKey = deviceKey
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

    /// An ID token valid for `lifetime` seconds from `now`, with a PreTokenGeneration function's changes.
    public func idToken(for subject: TokenSubject, now: Date, lifetime: Int, random: RandomSource,
                        customization: TokenCustomization? = nil) -> String {
        var claims = JSONWriter(capacity: 1024)
        claims.beginObject()
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
        claims.member("aud", subject.clientID)
        claims.member("event_id", random.uuid())
        claims.member("token_use", "id")
        writeTimes(to: &claims, subject: subject, now: now, lifetime: lifetime, random: random)
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

    /// An access token valid for `lifetime` seconds from `now`, with ``adminScope``, and with a
    /// PreTokenGeneration function's changes.
    public func accessToken(for subject: TokenSubject, now: Date, lifetime: Int, random: RandomSource,
                            customization: TokenCustomization? = nil) -> String {
        var claims = JSONWriter(capacity: 512)
        claims.beginObject()
        claims.member("sub", subject.sub)
        if !subject.groups.groups.isEmpty { claims.member("cognito:groups", subject.groups.groups) }
        // Where a captured token of a device sign-in has it: after sub (docs/compatibility.md § Devices).
        if let deviceKey = subject.deviceKey { claims.member("device_key", deviceKey) }
        claims.member("iss", issuer)
        claims.member("client_id", subject.clientID)
        claims.member("origin_jti", subject.originJTI)
        claims.member("event_id", random.uuid())
        claims.member("token_use", "access")
        claims.member("scope", Self.adminScope)
        writeTimes(to: &claims, subject: subject, now: now, lifetime: lifetime, random: random)
        claims.member("username", subject.username)
        claims.endObject()
        let customized = Self.customized(claims.bytes, customization, token: .access, clientID: subject.clientID)
        return JSONWebToken.sign(claims: customized, with: keys.accessToken)
    }

    /// The claims `claims` (JSON written here) with `customization`'s changes for `token`.
    private static func customized(_ claims: [UInt8], _ customization: TokenCustomization?, token: TokenCustomization.Token,
                                   clientID: String) -> [UInt8] {
        guard let customization, let pairs = (try? JSONNode(parsing: claims))?.pairs else { return claims }
        var writer = JSONWriter(capacity: claims.count + 256)
        JSONNode.object(customization.applied(to: pairs, token: token, clientID: clientID)).writeJSON(to: &writer)
        return writer.bytes
    }

    private func writeTimes(to claims: inout JSONWriter, subject: TokenSubject, now: Date, lifetime: Int, random: RandomSource) {
        let issuedAt = Int(now.timeIntervalSince1970)
        claims.member("auth_time", Int(subject.authTime.timeIntervalSince1970))
        claims.member("exp", issuedAt + lifetime)
        claims.member("iat", issuedAt)
        claims.member("jti", random.uuid())
    }
}
