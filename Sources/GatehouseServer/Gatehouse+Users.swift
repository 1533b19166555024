import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage
import Synchronization

extension Gatehouse {
    static let userNotFound = AWSServiceError.userNotFoundException("User does not exist.")

    /// The pool of an id, as the request's region sees it, as DescribeUserPool shows it.
    /// - Throws: `ResourceNotFoundException` when it does not exist or belongs to another region.
    func userPool(_ id: String, context: CallContext) async throws -> UserPoolType {
        try describe(try await userPoolRecord(id, context: context))
    }

    /// The user a name given in a call names: by its username, then by the pool's username
    /// attributes or aliases, then by its sub (docs/compatibility.md).
    /// - Parameter byAlias: whether a user found by an alias (AliasAttributes) counts as found.
    /// - Throws: `UserNotFoundException` when no user has the name.
    func userRecord(named name: String, in pool: UserPoolType,
                    byAlias: (UserRecord) throws -> Bool = { _ in true }) async throws -> UserRecord {
        let poolID = pool.id ?? ""
        let rules = UserIdentityRules(pool: pool)
        if let record = try await storage.user(userPoolID: poolID, key: rules.key(name)) { return record }
        for claim in rules.claims(forName: name) {
            if let record = try await storage.user(userPoolID: poolID, claim: claim) {
                guard rules.usernameAttributes.isEmpty, try !byAlias(record) else { return record }
                throw Self.userNotFound
            }
        }
        if let record = try await storage.user(userPoolID: poolID, sub: name.lowercased()) { return record }
        throw Self.userNotFound
    }

    /// Changes the user a name names atomically (``UserStore/updateUser(userPoolID:key:_:)``):
    /// `change` may run more than once; what its last run returns, the run whose user was written,
    /// is returned. The user's indexed values follow its new document and UserLastModifiedDate
    /// becomes now.
    /// - Throws: `UserNotFoundException`; `AliasExistsException` when another user holds a value
    ///   the change claims; what `change` throws.
    @discardableResult
    func updateUser<Outcome: Sendable>(
        named name: String, in pool: UserPoolType,
        _ change: @escaping @Sendable (inout StoredUser, UserRecord) throws -> Outcome
    ) async throws -> (record: UserRecord, user: StoredUser, outcome: Outcome) {
        let rules = UserIdentityRules(pool: pool)
        let now = clock.now()
        let outcome = Mutex<Outcome?>(nil)
        let write = { [storage] (key: String) async throws -> UserRecord in
            try await storage.updateUser(userPoolID: pool.id ?? "", key: key) { record in
                var user = try StoredUser(record: record)
                let result = try change(&user, record)
                outcome.withLock { $0 = result }
                record.document = user.document()
                record.searchable = rules.searchable(user)
                record.claims = rules.claims(of: user)
                record.lastModifiedDate = now
            }
        }
        do {
            let record: UserRecord
            do {
                // Most calls name the user by username: its key, found by the update itself.
                record = try await write(rules.key(name))
            } catch StorageError.notFound {
                record = try await write(try await userRecord(named: name, in: pool).key)
            }
            return (record, try StoredUser(record: record), outcome.withLock { $0! })
        } catch StorageError.notFound {
            throw Self.userNotFound
        } catch StorageError.conflict(let name) {
            throw AWSServiceError.aliasExistsException(Self.claimTaken(name))
        }
    }

    /// What Cognito says when another user holds an email, phone number or preferred_username.
    static func claimTaken(_ name: String) -> String {
        "An account with the given \(name) already exists."
    }

    /// The user as AdminGetUser and ListUsers show it.
    func describeUser(_ user: StoredUser, _ record: UserRecord) -> UserType {
        UserType(username: user.username, attributes: user.attributes, userCreateDate: record.creationDate,
                 userLastModifiedDate: record.lastModifiedDate, enabled: user.enabled, userStatus: user.status)
    }
}
