import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

extension Gatehouse {
    /// Sets, replaces or (with an empty value) removes a user's attributes. A changed email or
    /// phone number is no longer verified unless the same call says it is; when the pool
    /// auto-verifies it, a verification code goes to the new address (the phone number first when
    /// both changed), replacing any code sent before. In a pool where they are aliases, an email
    /// or phone number this call verifies moves from the user holding it, as Cognito does
    /// (docs/evidence/users.md); a taken preferred_username is refused.
    func adminUpdateUserAttributes(_ input: AdminUpdateUserAttributesRequest,
                                   context: CallContext) async throws -> AdminUpdateUserAttributesResponse {
        let pool = try await userPool(try input.userPoolId.required, context: context)
        let changes = try UserAttributeRules(pool: pool).updating(try input.userAttributes.required)
        let name = try input.username.required
        let identity = UserIdentityRules(pool: pool)
        if identity.usernameAttributes.isEmpty, changes.contains(where: { $0.value != nil && identity.aliasAttributes.contains($0.name) }) {
            try await releaseAliases(changes, to: try await userRecord(named: name, in: pool), identity: identity, pool: pool)
        }
        let code = VerificationCodes.newCode(random: random)
        let codes = try await verificationCodes.value()
        let now = clock.now()
        let autoVerified = (pool.autoVerifiedAttributes ?? []).map(\.rawValue)
        let (_, user, destination) = try await updateUser(named: name, in: pool) { user, record -> CodeDestination? in
            let named = Set(changes.map(\.name))
            var unverified: [CodeDestination] = []
            for (attribute, value) in changes {
                if ["email", "phone_number"].contains(attribute), let value, value != user.attribute(attribute),
                   !named.contains("\(attribute)_verified") {
                    if user.attribute("\(attribute)_verified") != nil { user.setAttribute("\(attribute)_verified", "false") }
                    if autoVerified.contains(attribute) { unverified.append(CodeDestination(attributeName: attribute, address: value)) }
                }
                if let value { user.setAttribute(attribute, value) } else { user.removeAttribute(attribute) }
            }
            let destination = unverified.first { $0.attributeName == "phone_number" } ?? unverified.first
            if let destination {
                user.issueCode(code, .attributeVerification, to: destination.attributeName, sub: record.sub, now: now, codes: codes)
            }
            return destination
        }
        if let destination {
            await sendCode(code, to: destination, username: user.username, pool: pool, trigger: "AdminUpdateUserAttributes")
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
