import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage

extension Gatehouse {
    /// Creates a user in FORCE_CHANGE_PASSWORD with a temporary password (generated when absent),
    /// or with MessageAction RESEND gives an existing such user a new temporary password.
    func adminCreateUser(_ input: AdminCreateUserRequest, context: CallContext) async throws -> AdminCreateUserResponse {
        let pool = try await userPool(try input.userPoolId.required, context: context)
        let name = try input.username.required
        let policy = PasswordPolicy(pool.policies?.passwordPolicy)
        let password = try input.temporaryPassword.map { (given) throws(AWSServiceError) in
            try policy.check(given, wording: .temporaryPassword)
            return given
        } ?? policy.temporaryPassword(random: random)
        let expiry = clock.now().addingTimeInterval(TimeInterval(policy.temporaryPasswordValidityDays) * 86_400)
        let poolID = pool.id ?? ""
        let random = random
        if input.messageAction == .resend {
            let (record, user) = try await updateUser(named: name, in: pool) { user, _ in
                guard user.status == .forceChangePassword else {
                    throw AWSServiceError.unsupportedUserStateException("Resend not possible. \(user.username) status is not FORCE_CHANGE_PASSWORD")
                }
                user.password = PasswordVerifier(password: password, userIDForSRP: user.username, userPoolID: poolID, random: random)
                user.temporaryPasswordExpiry = expiry
            }
            return AdminCreateUserResponse(user: describeUser(user, record))
        }

        let sub = random.uuid()
        let identity = UserIdentityRules(pool: pool)
        let (username, usernameAttribute) = try identity.newUsername(name, sub: sub)
        let given = try UserAttributeRules(pool: pool).creating(input.userAttributes ?? [],
                                                                present: Set([usernameAttribute?.name].compactMap { $0 }))
        var attributes = [AttributeType(name: "sub", value: sub)] + given.filter { $0.name != usernameAttribute?.name }
        if let usernameAttribute { attributes.insert(usernameAttribute, at: 1) }
        let user = StoredUser(username: username, attributes: attributes, status: .forceChangePassword,
                              password: PasswordVerifier(password: password, userIDForSRP: username, userPoolID: poolID, random: random),
                              temporaryPasswordExpiry: expiry)
        let now = clock.now()
        let record = UserRecord(userPoolID: poolID, key: identity.key(username), sub: sub, creationDate: now, lastModifiedDate: now,
                                document: user.document(), searchable: identity.searchable(user), claims: identity.claims(of: user))
        try await insert(record, forcingAliases: input.forceAliasCreation == true, identity: identity, pool: pool)
        return AdminCreateUserResponse(user: describeUser(user, record))
    }

    /// Stores a new user. With `forcingAliases`, an alias another user holds moves to the new user:
    /// the other user's email or phone number stops being verified (Cognito's ForceAliasCreation).
    /// - Throws: `UsernameExistsException` for a taken username, or a taken email or phone number
    ///   where those are usernames; `AliasExistsException` for a taken alias.
    private func insert(_ record: UserRecord, forcingAliases: Bool, identity: UserIdentityRules, pool: UserPoolType) async throws {
        do {
            try await storage.insertUser(record)
        } catch StorageError.duplicate {
            throw AWSServiceError.usernameExistsException("User account already exists")
        } catch StorageError.notFound {
            throw Self.poolNotFound(record.userPoolID)
        } catch StorageError.conflict(let name) {
            guard identity.usernameAttributes.isEmpty else { throw AWSServiceError.usernameExistsException(Self.claimTaken(name)) }
            guard forcingAliases, name != "preferred_username",
                  let value = record.claims.first(where: { $0.name == name })?.value else {
                throw AWSServiceError.aliasExistsException(Self.claimTaken(name))
            }
            if let holder = try await storage.user(userPoolID: record.userPoolID, claim: UserValue(name: name, value: value)) {
                try await updateUser(named: holder.key, in: pool) { user, _ in user.setAttribute("\(name)_verified", "false") }
            }
            try await insert(record, forcingAliases: forcingAliases, identity: identity, pool: pool)
        }
    }
}
