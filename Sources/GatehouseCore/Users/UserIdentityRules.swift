import AWSWire
import CognitoModel
import GatehouseStorage

/// How a pool names and finds its users: UsernameAttributes (sign-in with email or phone number,
/// the username being the sub), AliasAttributes (verified email or phone number, and
/// preferred_username, as further sign-in names) and UsernameConfiguration's case sensitivity.
/// It decides a user's key, the values no two users may share (claims) and those ListUsers
/// filters on (searchable values).
public struct UserIdentityRules: Sendable {
    public let caseSensitive: Bool
    public let usernameAttributes: [String]
    public let aliasAttributes: [String]

    public init(pool: UserPoolType) {
        caseSensitive = pool.usernameConfiguration?.caseSensitive ?? true
        usernameAttributes = (pool.usernameAttributes ?? []).map(\.rawValue)
        aliasAttributes = (pool.aliasAttributes ?? []).map(\.rawValue)
    }

    /// The username a new user gets from the Username a call gives, and the attribute the given
    /// name becomes in a pool with UsernameAttributes (where the username is the sub).
    /// - Throws: `InvalidParameterException` when the name does not fit the pool: not an email or
    ///   phone number where those are the username, or one where they are aliases.
    public func newUsername(_ given: String, sub: String) throws(AWSServiceError) -> (username: String, attribute: AttributeType?) {
        if !usernameAttributes.isEmpty {
            let email = usernameAttributes.contains("email") && UserAttributeRules.isEmailAddress(given)
            let phone = usernameAttributes.contains("phone_number") && UserAttributeRules.isPhoneNumber(given)
            guard email || phone else {
                switch usernameAttributes {
                case ["email"]: throw .invalidParameterException("Username should be an email.")
                case ["phone_number"]: throw .invalidParameterException("Username should be a phone number.")
                default: throw .invalidParameterException("Username should be either an email or a phone number.")
                }
            }
            return (sub, AttributeType(name: email ? "email" : "phone_number", value: email && !caseSensitive ? given.lowercased() : given))
        }
        if aliasAttributes.contains("email"), UserAttributeRules.isEmailAddress(given) {
            throw .invalidParameterException("Username cannot be of email format, since user pool is configured for email alias.")
        }
        if aliasAttributes.contains("phone_number"), UserAttributeRules.isPhoneNumber(given) {
            throw .invalidParameterException("Username cannot be of phone number format, since user pool is configured for phone_number alias.")
        }
        return (caseSensitive ? given : given.lowercased(), nil)
    }

    /// The key a username is stored and found under.
    public func key(_ username: String) -> String {
        caseSensitive ? username : username.lowercased()
    }

    /// The claims a name given for a user (Username in an admin call, a sign-in name) can match
    /// besides the key, in the order they are tried: the username attributes, or the aliases.
    public func claims(forName name: String) -> [UserValue] {
        (usernameAttributes.isEmpty ? aliasAttributes : usernameAttributes).map { attribute in
            UserValue(name: attribute, value: attribute == "phone_number" || caseSensitive ? name : name.lowercased())
        }
    }

    /// The values of `user` that no other user of the pool may hold: its username attributes, its
    /// verified email and phone number where those are aliases, and its preferred_username alias.
    public func claims(of user: StoredUser) -> Set<UserValue> {
        var claims: Set<UserValue> = []
        for name in usernameAttributes.isEmpty ? aliasAttributes : usernameAttributes {
            guard let value = user.attribute(name) else { continue }
            if usernameAttributes.isEmpty, name != "preferred_username", !user.isVerified(name) { continue }
            claims.insert(UserValue(name: name, value: value))
        }
        return claims
    }

    /// The attributes ListUsers filters on, and whether a filter value is compared without case.
    public static let searchableAttributes: [String: Bool] = [
        "username": false, "email": false, "phone_number": false, "name": false, "given_name": false,
        "family_name": false, "preferred_username": false, "cognito:user_status": true, "status": false, "sub": false,
    ]

    /// The values ListUsers filters `user` by.
    public func searchable(_ user: StoredUser) -> Set<UserValue> {
        var values: Set<UserValue> = [
            UserValue(name: "username", value: user.username),
            UserValue(name: "cognito:user_status", value: user.status.rawValue.lowercased()),
            UserValue(name: "status", value: user.enabled ? "Enabled" : "Disabled"),
        ]
        for attribute in user.attributes {
            if let name = attribute.name, let value = attribute.value, Self.searchableAttributes[name] != nil {
                values.insert(UserValue(name: name, value: value))
            }
        }
        return values
    }

    /// A parsed ListUsers filter (``UserFilterGrammar``) as the store compares it: its value as the
    /// attribute is stored.
    /// - Throws: `InvalidParameterException` for an attribute ListUsers does not search.
    public func normalized(_ filter: UserFilter) throws(AWSServiceError) -> UserFilter {
        guard let caseInsensitive = Self.searchableAttributes[filter.name] else {
            throw .invalidParameterException("Invalid search attribute: \(filter.name)")
        }
        let lowercase = caseInsensitive || (!caseSensitive && ["username", "email", "preferred_username"].contains(filter.name))
        return lowercase ? UserFilter(name: filter.name, value: filter.value.lowercased(), prefix: filter.prefix) : filter
    }
}
