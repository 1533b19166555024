import AWSWire
import CognitoModel

/// The body of `/oauth2/userInfo`: the user's attributes the token's scopes show (the userInfo
/// endpoint's documentation), every value a string, as Cognito sends even `email_verified`.
public enum UserInfoClaims {
    static let profile: Set<String> = ["name", "family_name", "given_name", "middle_name", "nickname", "preferred_username", "profile",
                                       "picture", "website", "gender", "birthdate", "zoneinfo", "locale", "updated_at"]
    static let byScope: [String: Set<String>] = [
        "email": ["email", "email_verified"], "phone": ["phone_number", "phone_number_verified"], "profile": profile,
    ]

    /// `sub`, the attributes of `readable` (those the client may read) that `scopes` show, and
    /// `username`. `openid` without `email`, `phone` or `profile` shows them all; with them, the
    /// attributes of each (`profile` also the custom ones).
    public static func json(sub: String, username: String, readable: [AttributeType], scopes: [String]) -> [UInt8] {
        let named = scopes.compactMap { byScope[$0] }
        let shown = readable.filter { attribute in
            guard let name = attribute.name, name != "sub" else { return false }
            if named.isEmpty { return true }
            return named.contains { $0.contains(name) } || (scopes.contains("profile") && name.hasPrefix("custom:"))
        }
        var writer = JSONWriter(capacity: 512)
        writer.beginObject()
        writer.member("sub", sub)
        for attribute in shown {
            writer.member(named: attribute.name ?? "", attribute.value ?? "")
        }
        writer.member("username", username)
        writer.endObject()
        return writer.bytes
    }
}
