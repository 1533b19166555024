import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage
import Synchronization

/// A pool's users: finding the one a call names, creating, changing and describing them, with the
/// pool's identity rules (usernames, aliases, case sensitivity) applied on every path.
struct UserDirectory: Sendable {
    let storage: any Storage
    let clock: Clock
    let random: RandomSource

    static let userNotFound = AWSServiceError.userNotFoundException("User does not exist.")
    /// SignUp's (and a migration's) answer for a username another user has.
    static let userExists = AWSServiceError.usernameExistsException("User already exists")

    /// What Cognito says when another user holds an email, phone number or preferred_username.
    static func claimTaken(_ name: String) -> String {
        "An account with the given \(name) already exists."
    }

    /// The user a name given in a call names: by its username, then by the pool's username
    /// attributes or aliases, then by its sub (docs/compatibility.md).
    /// - Parameter byAlias: whether a user found by an alias (AliasAttributes) counts as found.
    /// - Throws: `UserNotFoundException` when no user has the name.
    func record(named name: String, in pool: UserPool, byAlias: (UserRecord) throws -> Bool = { _ in true }) async throws -> UserRecord {
        let rules = pool.identity
        if let record = try await storage.user(userPoolID: pool.id, key: rules.key(name)) { return record }
        for claim in rules.claims(forName: name) {
            if let record = try await storage.user(userPoolID: pool.id, claim: claim) {
                guard rules.usernameAttributes.isEmpty, try !byAlias(record) else { return record }
                throw Self.userNotFound
            }
        }
        if let record = try await storage.user(userPoolID: pool.id, sub: name.lowercased()) { return record }
        throw Self.userNotFound
    }

    /// The user holding `claim` (an email, phone number or preferred_username no two users share), or `nil`.
    func holder(of claim: UserValue, in pool: UserPool) async throws -> UserRecord? {
        try await storage.user(userPoolID: pool.id, claim: claim)
    }

    /// The user whose sub is `sub`, or `nil`.
    func record(withSub sub: String, in pool: UserPool) async throws -> UserRecord? {
        try await storage.user(userPoolID: pool.id, sub: sub)
    }

    /// One page of the pool's users in key order, only those matching `filter` when one is given.
    func list(in pool: UserPool, filter: UserFilter?, after: String?, limit: Int) async throws -> Page<UserRecord> {
        try await storage.users(userPoolID: pool.id, filter: filter, after: after, limit: limit)
    }

    /// Changes the user a name names atomically (``UserStore/updateUser(userPoolID:key:_:)``):
    /// `change` may run more than once; what its last run returns, the run whose user was written,
    /// is returned. The user's indexed values follow its new document and UserLastModifiedDate
    /// becomes now, unless `touching` is false (what sign-in records: attempts, used codes).
    /// - Parameter known: the user as read earlier in the call. When `touching` is false and
    ///   `change` leaves it as it is, that run is the answer and no write begins: as if the call
    ///   had come before any change made since the read (a right password needs no write).
    /// - Throws: `UserNotFoundException`; `AliasExistsException` when another user holds a value
    ///   the change claims; what `change` throws.
    @discardableResult
    func update<Outcome: Sendable>(
        named name: String, in pool: UserPool, touching: Bool = true, known: UserRecord? = nil,
        _ change: @escaping @Sendable (inout StoredUser, UserRecord) throws -> Outcome
    ) async throws -> (record: UserRecord, user: StoredUser, outcome: Outcome) {
        if let known, !touching {
            let stored = try StoredUser(record: known)
            var user = stored
            let outcome = try change(&user, known)
            if user == stored { return (known, stored, outcome) }
        }
        let rules = pool.identity
        let now = clock.now()
        // The last run's outcome, and its user when the change left it as stored.
        let lastRun = Mutex<(outcome: Outcome, unchanged: StoredUser?)?>(nil)
        let write = { [storage] (key: String) async throws -> UserRecord in
            try await storage.updateUser(userPoolID: pool.id, key: key) { record in
                let stored = try StoredUser(record: record)
                var user = stored
                let outcome = try change(&user, record)
                lastRun.withLock { $0 = (outcome, user == stored ? stored : nil) }
                if user != stored {
                    record.document = user.document()
                    record.searchable = rules.searchable(user)
                    record.claims = rules.claims(of: user)
                }
                if touching { record.lastModifiedDate = now }
            }
        }
        do {
            let record: UserRecord
            do {
                // Most calls name the user by username: its key, found by the update itself.
                record = try await write(rules.key(name))
            } catch StorageError.notFound {
                record = try await write(try await self.record(named: name, in: pool).key)
            }
            let (outcome, unchanged) = lastRun.withLock { $0! }
            return (record, try unchanged ?? StoredUser(record: record), outcome)
        } catch StorageError.notFound {
            throw Self.userNotFound
        } catch StorageError.conflict(let name) {
            throw AWSServiceError.aliasExistsException(Self.claimTaken(name))
        }
    }

    /// A new user of `pool` from the Username and UserAttributes a call gives (AdminCreateUser,
    /// SignUp), not yet stored: its username as the pool makes it, `sub` first among its attributes.
    /// - Throws: `InvalidParameterException` for a username or attributes the pool refuses.
    func newUser(named name: String, attributes given: [AttributeType], status: UserStatusType, password: String,
                 temporaryPasswordExpiry: Date?, pool: UserPool) throws(AWSServiceError) -> NewUser {
        let sub = random.uuid()
        let (username, usernameAttribute) = try pool.identity.newUsername(name, sub: sub)
        let checked = try pool.attributes.creating(given, present: Set([usernameAttribute?.name].compactMap { $0 }))
        var attributes = [AttributeType(name: "sub", value: sub)] + checked.filter { $0.name != usernameAttribute?.name }
        if let usernameAttribute { attributes.insert(usernameAttribute, at: 1) }
        let verifier = PasswordVerifier(password: password, userIDForSRP: username, userPoolID: pool.id, random: random)
        return NewUser(user: StoredUser(username: username, attributes: attributes, status: status, password: verifier,
                                        temporaryPasswordExpiry: temporaryPasswordExpiry), sub: sub)
    }

    /// A user made by ``newUser(named:attributes:status:password:temporaryPasswordExpiry:pool:)``, not yet stored.
    struct NewUser: Sendable {
        var user: StoredUser
        let sub: String
    }

    /// Stores a new user. With `forcingAliases`, an email or phone number alias another user holds
    /// moves to the new user: the other user's stops being verified (Cognito's ForceAliasCreation).
    /// - Parameter duplicate: the message of `UsernameExistsException` for a taken username.
    /// - Returns: the record written.
    /// - Throws: `UsernameExistsException` for a taken username, or a taken email or phone number
    ///   where those are usernames; `AliasExistsException` for a taken alias.
    @discardableResult
    func insert(_ new: NewUser, in pool: UserPool, duplicate: String, forcingAliases: Bool) async throws -> UserRecord {
        let identity = pool.identity
        let now = clock.now()
        let record = UserRecord(userPoolID: pool.id, key: identity.key(new.user.username), sub: new.sub, creationDate: now,
                                lastModifiedDate: now, document: new.user.document(), searchable: identity.searchable(new.user),
                                claims: identity.claims(of: new.user))
        while true {
            do {
                try await storage.insertUser(record)
                return record
            } catch StorageError.duplicate {
                throw AWSServiceError.usernameExistsException(duplicate)
            } catch StorageError.notFound {
                throw UserPoolDirectory.poolNotFound(record.userPoolID)
            } catch StorageError.conflict(let name) {
                guard identity.usernameAttributes.isEmpty else { throw AWSServiceError.usernameExistsException(Self.claimTaken(name)) }
                guard forcingAliases, name != "preferred_username",
                      let value = record.claims.first(where: { $0.name == name })?.value else {
                    throw AWSServiceError.aliasExistsException(Self.claimTaken(name))
                }
                try await releaseAlias(UserValue(name: name, value: value), from: nil, in: pool)
            }
        }
    }

    /// Takes an email or phone number alias from the user holding it, unless that is the user
    /// keyed `keeper`: the holder's attribute stops being verified.
    func releaseAlias(_ claim: UserValue, from keeper: String?, in pool: UserPool) async throws {
        guard let holder = try await holder(of: claim, in: pool), holder.key != keeper else { return }
        try await update(named: holder.key, in: pool) { user, _ in user.setAttribute("\(claim.name)_verified", "false") }
    }

    /// Deletes `record`'s user with its indexed values.
    /// - Throws: `UserNotFoundException`.
    func delete(_ record: UserRecord) async throws {
        do {
            try await storage.deleteUser(userPoolID: record.userPoolID, key: record.key)
        } catch StorageError.notFound {
            throw Self.userNotFound
        }
    }

    /// The user as AdminGetUser and ListUsers show it.
    static func describe(_ user: StoredUser, _ record: UserRecord) -> UserType {
        UserType(username: user.username, attributes: user.attributes, userCreateDate: record.creationDate,
                 userLastModifiedDate: record.lastModifiedDate, enabled: user.enabled, userStatus: user.status)
    }
}
