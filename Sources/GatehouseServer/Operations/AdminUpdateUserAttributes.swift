import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

extension Gatehouse {
    /// Sets, replaces or (with an empty value) removes a user's attributes. A changed email or
    /// phone number is no longer verified unless the same call says it is. In a pool where they are
    /// aliases, an email or phone number this call verifies moves from the user holding it, as
    /// Cognito does (docs/evidence/users.md); a taken preferred_username is refused.
    func adminUpdateUserAttributes(_ input: AdminUpdateUserAttributesRequest,
                                   context: CallContext) async throws -> AdminUpdateUserAttributesResponse {
        let pool = try await userPool(try input.userPoolId.required, context: context)
        let changes = try UserAttributeRules(pool: pool).updating(try input.userAttributes.required)
        let name = try input.username.required
        let identity = UserIdentityRules(pool: pool)
        if identity.usernameAttributes.isEmpty {
            try await releaseAliases(changes, to: try await userRecord(named: name, in: pool), identity: identity, pool: pool)
        }
        try await updateUser(named: name, in: pool) { user, _ in
            let named = Set(changes.map(\.name))
            for (attribute, value) in changes {
                if ["email", "phone_number"].contains(attribute), value != user.attribute(attribute),
                   !named.contains("\(attribute)_verified"), user.attribute("\(attribute)_verified") != nil {
                    user.setAttribute("\(attribute)_verified", "false")
                }
                if let value { user.setAttribute(attribute, value) } else { user.removeAttribute(attribute) }
            }
        }
        return AdminUpdateUserAttributesResponse()
    }

    /// Takes from other users the aliases `changes` give `record`'s user: an email or phone number
    /// the same call marks verified stops being verified for the user holding it (an unverified one
    /// is no alias, so it takes nothing).
    /// - Throws: `AliasExistsException` when another user holds the preferred_username.
    private func releaseAliases(_ changes: [(name: String, value: String?)], to record: UserRecord,
                                identity: UserIdentityRules, pool: UserPoolType) async throws {
        let verified = Set(changes.filter { $0.value == "true" }.map(\.name))
        for case let (name, value?) in changes where identity.aliasAttributes.contains(name) {
            let claim = UserValue(name: name, value: value)
            if name == "preferred_username" {
                if let holder = try await storage.user(userPoolID: record.userPoolID, claim: claim), holder.key != record.key {
                    throw AWSServiceError.aliasExistsException(Self.claimTaken(name))
                }
            } else if verified.contains("\(name)_verified") {
                try await releaseAlias(claim, from: record.key, pool: pool)
            }
        }
    }
}
