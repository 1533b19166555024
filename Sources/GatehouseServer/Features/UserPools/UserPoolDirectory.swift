import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

/// The one place where a call finds the pool it acts on, from what it names:
/// - a pool id (admin calls): the pool, if it is of the request's region, as a regional endpoint
///   sees only its own pools;
/// - an app client id (the calls an app makes, unsigned): the client's pool, whatever region the
///   request carries, as a client id is unique across regions and names its pool;
/// - an access token, a session or a link: the pool they name (``pool(named:)``).
/// Each is read once and handed on as a ``UserPool``, decoded once per stored document.
struct UserPoolDirectory: Sendable {
    let storage: any Storage
    let clock: Clock
    let cache: DecodedPoolCache
    let clientSecrets: ServerKey<ClientSecretBox>
    /// App clients decoded and their secrets opened, per client document.
    let clients = DocumentCache<AppClient.Opened>()

    static func poolNotFound(_ id: String) -> AWSServiceError {
        .resourceNotFoundException("User pool \(id) does not exist.")
    }

    static func clientNotFound(_ clientID: String) -> AWSServiceError {
        .resourceNotFoundException("User pool client \(clientID) does not exist.")
    }

    /// A pool id of another region names no pool the request can see.
    /// - Throws: `ResourceNotFoundException`.
    func checkRegion(of id: String, context: CallContext) throws(AWSServiceError) {
        guard UserPoolID.region(of: id) == context.region else { throw Self.poolNotFound(id) }
    }

    /// The record of the pool `id`, as the request's region sees it.
    /// - Throws: `ResourceNotFoundException` when it does not exist or belongs to another region.
    func record(_ id: String, context: CallContext) async throws -> UserPoolRecord {
        try checkRegion(of: id, context: context)
        guard let record = try await storage.userPool(id: id) else { throw Self.poolNotFound(id) }
        return record
    }

    /// The pool `id`, as the request's region sees it.
    /// - Throws: `ResourceNotFoundException` when it does not exist or belongs to another region.
    func pool(_ id: String, context: CallContext) async throws -> UserPool {
        try entry(try await record(id, context: context)).pool
    }

    /// The record of the pool a token, a session or a well-known URL names, of whichever region.
    /// - Throws: `ResourceNotFoundException` when it does not exist.
    func record(named id: String) async throws -> UserPoolRecord {
        guard let record = try await storage.userPool(id: id) else { throw Self.poolNotFound(id) }
        return record
    }

    /// The pool a token, a session or a link names, of whichever region.
    /// - Throws: `ResourceNotFoundException` when it does not exist.
    func pool(named id: String) async throws -> UserPool {
        try entry(try await record(named: id)).pool
    }

    /// The decoded document of `record`, and the pool made from it.
    func entry(_ record: UserPoolRecord) throws(AWSServiceError) -> DecodedPoolCache.Entry {
        try cache.decoded(record)
    }

    /// The pool as DescribeUserPool shows it.
    func describe(_ record: UserPoolRecord) throws(AWSServiceError) -> UserPoolType {
        try entry(record).stored.describe(record)
    }

    /// The app client `clientID` and its pool, its secret opened, no SecretHash checked.
    /// - Parameter userPoolID: the pool a session names, which must be the client's.
    /// - Throws: `ResourceNotFoundException` for a client that does not exist or is of another pool.
    func appClient(_ clientID: String, userPoolID: String? = nil) async throws -> AppClient {
        guard let record = try await storage.userPoolItem(kind: .client, key: clientID),
              userPoolID == nil || record.userPoolID == userPoolID,
              let poolRecord = try await storage.userPool(id: record.userPoolID) else {
            throw Self.clientNotFound(clientID)
        }
        return try await appClient(record, pool: try entry(poolRecord).pool)
    }

    /// The app client `clientID` of `pool`, found already (an admin call's pool id, an access
    /// token's pool): the pool is not read again.
    /// - Throws: `ResourceNotFoundException` for a client that does not exist or is of another pool.
    func poolClient(_ clientID: String, of pool: UserPool) async throws -> AppClient {
        guard let record = try await storage.userPoolItem(kind: .client, key: clientID), record.userPoolID == pool.id else {
            throw Self.clientNotFound(clientID)
        }
        return try await appClient(record, pool: pool)
    }

    /// The client `record` of `pool`, each of its secrets opened once.
    private func appClient(_ record: UserPoolItemRecord, pool: UserPool) async throws -> AppClient {
        let box = try await clientSecrets.value()
        let opened = try clients.value(id: record.key, document: record.document) { () throws(AWSServiceError) in
            let stored = try StoredUserPoolClient(record: record)
            return AppClient.Opened(stored: stored, secrets: try stored.secrets(record, box: box))
        }
        let stored = opened.stored
        // The one it was created with comes first, when it has it.
        return AppClient(settings: stored.describe(record, secret: stored.sealedSecret == nil ? nil : opened.secrets.first),
                         secrets: opened.secrets, pool: pool)
    }

    /// The app client of a call an app makes without IAM credentials (SignUp, ForgotPassword, …),
    /// its SecretHash checked for `username`.
    /// - Throws: as ``appClient(_:userPoolID:)``; `NotAuthorizedException` for a missing or wrong SecretHash.
    func signedAppClient(_ clientID: String, username: String, secretHash: String?) async throws -> AppClient {
        let client = try await appClient(clientID)
        try SecretHash.check(secretHash, username: username, clientID: clientID, clientSecrets: client.secrets)
        return client
    }

    /// The client as DescribeUserPoolClient shows it, secret included.
    func describeClient(_ record: UserPoolItemRecord) async throws -> UserPoolClientType {
        try StoredUserPoolClient(record: record).describe(record, box: try await clientSecrets.value())
    }

    /// When a change of a pool makes its LastModifiedDate now.
    enum Touch: Sendable {
        /// On every change, as the API's calls do.
        case always
        /// Only when the settings change: applying a declared state twice changes nothing.
        case ifChanged
        /// Never: for what a pool's LastModifiedDate does not tell (its domain's bookkeeping).
        case never
    }

    /// Changes a stored pool atomically (see ``UserPoolStore/updateUserPool(id:_:)``); `change` may
    /// run more than once. LastModifiedDate becomes now as `touch` says. A change that
    /// leaves the document as it was (an UpdateUserPool repeating the pool's settings, as tools that
    /// re-apply a declared configuration do) keeps the stored bytes instead of encoding them again.
    /// - Throws: `ResourceNotFoundException` when the pool does not exist or is of another region;
    ///   what `change` throws.
    @discardableResult
    func update(_ id: String, context: CallContext, touch: Touch = .always,
                _ change: @escaping @Sendable (inout StoredUserPool, inout UserPoolRecord) throws -> Void) async throws -> UserPoolRecord {
        try checkRegion(of: id, context: context)
        let now = clock.now()
        let cache = cache
        do {
            return try await storage.updateUserPool(id: id) { record in
                let original = try cache.decoded(record).stored
                var stored = original
                try change(&stored, &record)
                let changed = stored != original
                if touch == .always || (touch == .ifChanged && changed) { record.lastModifiedDate = now }
                guard changed else { return }
                stored.store(in: &record)
                cache.remember(stored, as: record)
            }
        } catch StorageError.notFound {
            throw Self.poolNotFound(id)
        }
    }
}
