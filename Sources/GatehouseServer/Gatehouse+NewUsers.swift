import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage

extension Gatehouse {
    /// A new user of `pool` from the Username and UserAttributes a call gives (AdminCreateUser,
    /// SignUp), not yet stored: its username as the pool makes it, `sub` first among its attributes.
    /// - Throws: `InvalidParameterException` for a username or attributes the pool refuses.
    func newUser(named name: String, attributes given: [AttributeType], status: UserStatusType, password: String,
                 temporaryPasswordExpiry: Date?, pool: UserPoolType) throws(AWSServiceError) -> (user: StoredUser, sub: String) {
        let sub = random.uuid()
        let (username, usernameAttribute) = try UserIdentityRules(pool: pool).newUsername(name, sub: sub)
        let checked = try UserAttributeRules(pool: pool).creating(given, present: Set([usernameAttribute?.name].compactMap { $0 }))
        var attributes = [AttributeType(name: "sub", value: sub)] + checked.filter { $0.name != usernameAttribute?.name }
        if let usernameAttribute { attributes.insert(usernameAttribute, at: 1) }
        let verifier = PasswordVerifier(password: password, userIDForSRP: username, userPoolID: pool.id ?? "", random: random)
        return (StoredUser(username: username, attributes: attributes, status: status, password: verifier,
                           temporaryPasswordExpiry: temporaryPasswordExpiry), sub)
    }

    /// Stores a new user. With `forcingAliases`, an email or phone number alias another user holds
    /// moves to the new user: the other user's stops being verified (Cognito's ForceAliasCreation).
    /// - Parameter duplicate: the message of `UsernameExistsException` for a taken username.
    /// - Returns: the record written.
    /// - Throws: `UsernameExistsException` for a taken username, or a taken email or phone number
    ///   where those are usernames; `AliasExistsException` for a taken alias.
    @discardableResult
    func insertNewUser(_ new: (user: StoredUser, sub: String), pool: UserPoolType, duplicate: String,
                       forcingAliases: Bool) async throws -> UserRecord {
        let identity = UserIdentityRules(pool: pool)
        let now = clock.now()
        let record = UserRecord(userPoolID: pool.id ?? "", key: identity.key(new.user.username), sub: new.sub, creationDate: now,
                                lastModifiedDate: now, document: new.user.document(), searchable: identity.searchable(new.user),
                                claims: identity.claims(of: new.user))
        while true {
            do {
                try await storage.insertUser(record)
                return record
            } catch StorageError.duplicate {
                throw AWSServiceError.usernameExistsException(duplicate)
            } catch StorageError.notFound {
                throw Self.poolNotFound(record.userPoolID)
            } catch StorageError.conflict(let name) {
                guard identity.usernameAttributes.isEmpty else { throw AWSServiceError.usernameExistsException(Self.claimTaken(name)) }
                guard forcingAliases, name != "preferred_username",
                      let value = record.claims.first(where: { $0.name == name })?.value else {
                    throw AWSServiceError.aliasExistsException(Self.claimTaken(name))
                }
                try await releaseAlias(UserValue(name: name, value: value), from: nil, pool: pool)
            }
        }
    }

    /// Takes an email or phone number alias from the user holding it, unless that is the user
    /// keyed `keeper`: the holder's attribute stops being verified.
    func releaseAlias(_ claim: UserValue, from keeper: String?, pool: UserPoolType) async throws {
        guard let holder = try await storage.user(userPoolID: pool.id ?? "", claim: claim), holder.key != keeper else { return }
        try await updateUser(named: holder.key, in: pool) { user, _ in user.setAttribute("\(claim.name)_verified", "false") }
    }
}
