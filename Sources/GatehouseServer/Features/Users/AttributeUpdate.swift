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
    /// - Parameters:
    ///   - clientID: the app client of the call (an access token's); `nil` for an admin operation.
    ///   - clientMetadata: the call's ClientMetadata, for the pool's CustomMessage function.
    /// - Returns: where the code went, if one was sent.
    @discardableResult
    func updateAttributes(_ attributes: [AttributeType], ofUserNamed name: String, in pool: UserPool, trigger: String,
                          clientID: String?, clientMetadata: [String: String]?) async throws -> CodeDeliveryDetailsType? {
        let changes = try pool.attributes.updating(attributes)
        let identity = pool.identity
        let current = try await users.record(named: name, in: pool)
        if identity.usernameAttributes.isEmpty, changes.contains(where: { $0.value != nil && identity.aliasAttributes.contains($0.name) }) {
            try await releaseAliases(changes, to: current, pool: pool)
        }
        let code = codes.newCode()
        let keys = try await codes.verificationCodes()
        let now = clock.now()
        let autoVerified = (pool.settings.autoVerifiedAttributes ?? []).map(\.rawValue)
        let heldBack = (pool.settings.userAttributeUpdateSettings?.attributesRequireVerificationBeforeUpdate ?? []).map(\.rawValue)
        // The message is made from the user as the change will leave it, before anything is stored.
        var changed = try StoredUser(record: current)
        var message: Messenger.Prepared?
        if let planned = Self.apply(changes, to: &changed, autoVerified: autoVerified, heldBack: heldBack) {
            message = try await messenger.code(code, to: planned, username: changed.username, pool: pool, trigger: trigger,
                                               about: .init(source: .updateUserAttribute, user: changed, clientID: clientID,
                                                            clientMetadata: clientMetadata))
        }
        let (_, user, destination) = try await users.update(named: name, in: pool) { user, record -> CodeDestination? in
            let destination = Self.apply(changes, to: &user, autoVerified: autoVerified, heldBack: heldBack)
            if let destination {
                do {
                    try user.issueCode(code, .attributeVerification, to: destination.attributeName, sub: record.sub, now: now, codes: keys)
                } catch {  // UpdateUserAttributes declares TooManyRequestsException, not LimitExceededException
                    throw AWSServiceError.tooManyRequestsException("Too many verification codes were sent for this user; try again later.")
                }
            }
            return destination
        }
        guard let destination else { return nil }
        if message?.destination != destination {  // another call changed the user in between
            message = try await messenger.code(code, to: destination, username: user.username, pool: pool, trigger: trigger,
                                               about: .init(source: .updateUserAttribute, user: user, clientID: clientID,
                                                            clientMetadata: clientMetadata))
        }
        if let message { await messenger.deliver(message, pool: pool) }
        return destination.details
    }

    /// Makes `changes` to `user`; returns where a verification code is due: a changed email or
    /// phone number the pool auto-verifies and the call does not mark verified (the phone number
    /// first).
    private static func apply(_ changes: [(name: String, value: String?)], to user: inout StoredUser, autoVerified: [String],
                              heldBack: [String]) -> CodeDestination? {
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
        return unverified.first { $0.attributeName == "phone_number" } ?? unverified.first
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
