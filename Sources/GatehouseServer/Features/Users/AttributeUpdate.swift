import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage

extension UsersFeature {
    /// Sets, replaces or (with an empty value) removes a user's attributes: the path of
    /// AdminUpdateUserAttributes and UpdateUserAttributes. A changed email or phone number is no
    /// longer verified unless the same call says it is; when the pool auto-verifies it, a
    /// verification code goes to the new address (the phone number first when both changed),
    /// replacing any code sent before. When the pool's UserAttributeUpdateSettings names it, the
    /// new value waits for that code and the old one stays. In a pool where they are aliases, an
    /// email or phone number this call verifies moves from the user holding it, as Cognito does
    /// (docs/evidence/users.md); a taken preferred_username is refused.
    /// - Returns: where the code went, if one was sent.
    @discardableResult
    func updateAttributes(_ attributes: [AttributeType], ofUserNamed name: String, in pool: UserPool,
                          trigger: String) async throws -> CodeDeliveryDetailsType? {
        let changes = try pool.attributes.updating(attributes)
        let identity = pool.identity
        if identity.usernameAttributes.isEmpty, changes.contains(where: { $0.value != nil && identity.aliasAttributes.contains($0.name) }) {
            try await releaseAliases(changes, to: try await users.record(named: name, in: pool), pool: pool)
        }
        let code = codes.newCode()
        let keys = try await codes.verificationCodes()
        let now = clock.now()
        let autoVerified = (pool.settings.autoVerifiedAttributes ?? []).map(\.rawValue)
        let heldBack = (pool.settings.userAttributeUpdateSettings?.attributesRequireVerificationBeforeUpdate ?? []).map(\.rawValue)
        let (_, user, destination) = try await users.update(named: name, in: pool) { user, record -> CodeDestination? in
            let named = Set(changes.map(\.name))
            var unverified: [CodeDestination] = []
            for (attribute, value) in changes {
                if ["email", "phone_number"].contains(attribute), let value, value != user.attribute(attribute),
                   !named.contains("\(attribute)_verified") {
                    if autoVerified.contains(attribute) { unverified.append(CodeDestination(attributeName: attribute, address: value)) }
                    if heldBack.contains(attribute), user.attribute(attribute) != nil {
                        user.pendingAttributes.removeAll { $0.name == attribute }
                        user.pendingAttributes.append(AttributeType(name: attribute, value: value))
                        continue
                    }
                    if user.attribute("\(attribute)_verified") != nil { user.setAttribute("\(attribute)_verified", "false") }
                }
                user.pendingAttributes.removeAll { $0.name == attribute }
                if let value { user.setAttribute(attribute, value) } else { user.removeAttribute(attribute) }
            }
            let destination = unverified.first { $0.attributeName == "phone_number" } ?? unverified.first
            if let destination {
                user.issueCode(code, .attributeVerification, to: destination.attributeName, sub: record.sub, now: now, codes: keys)
            }
            return destination
        }
        guard let destination else { return nil }
        await messenger.sendCode(code, to: destination, username: user.username, pool: pool, trigger: trigger)
        return destination.details
    }

    /// Takes from other users the aliases `changes` give `record`'s user: an email or phone number
    /// the same call marks verified stops being verified for the user holding it (an unverified one
    /// is no alias, so it takes nothing).
    /// - Throws: `AliasExistsException` when another user holds the preferred_username.
    private func releaseAliases(_ changes: [(name: String, value: String?)], to record: UserRecord, pool: UserPool) async throws {
        let identity = pool.identity
        let verified = Set(changes.filter { UserAttributeRules.isTrue($0.value) }.map(\.name))
        for case let (name, value?) in changes where identity.aliasAttributes.contains(name) {
            let claim = UserValue(name: name, value: value)
            if name == "preferred_username" {
                if let holder = try await users.holder(of: claim, in: pool), holder.key != record.key {
                    throw AWSServiceError.aliasExistsException(UserDirectory.claimTaken(name))
                }
            } else if verified.contains("\(name)_verified") {
                try await users.releaseAlias(claim, from: record.key, in: pool)
            }
        }
    }
}
