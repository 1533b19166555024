import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage
import Logging

/// The Cognito service: the operations in `Operations/` are extensions of this type. Its state of
/// its own is ``DecodedPoolCache``, which is checked against the stored bytes on every read, the
/// server-wide keys (``ServerKey``), which every process reads from the same database, and the
/// deliveries in flight (``MessageDelivery``), whose outcome goes to the shared outbox; so any number
/// of server processes can share a database. Only the development clock's offset
/// (``DevelopmentClock``) belongs to one process.
public struct Gatehouse: Sendable {
    let storage: any Storage
    let clock: Clock
    let random: RandomSource
    let pageTokens: ServerKey<PageTokens>
    let clientSecrets: ServerKey<ClientSecretBox>
    let verificationCodes: ServerKey<VerificationCodes>
    /// Seals sign-in sessions and refresh tokens.
    let signInSeal: ServerKey<SealingKey>
    /// Seals the pools' stored token signing keys.
    let signingKeySeal: ServerKey<SealingKey>
    let signingKeys = SigningKeyCache()
    /// What tokens' `iss` starts with: the configured issuer URL, or the server's own.
    let issuerBaseURL: String
    let delivery: MessageDelivery
    /// The clock's development offset, when ``GatehouseConfiguration/developmentClock`` is on.
    let developmentClock: DevelopmentClock?
    let pools = DecodedPoolCache()

    /// - Parameter configuration: what the server delivers messages with (outbox, SMTP, SMS
    ///   webhook) and its development switches.
    /// - Throws: ``SMTPRelay/InvalidURL`` for an SMTP URL of the wrong form.
    public init(storage: any Storage, clock: Clock = .system, random: RandomSource = .system,
                configuration: GatehouseConfiguration = .init(), logger: Logger = Logger(label: "gatehouse")) throws {
        self.storage = storage
        developmentClock = configuration.developmentClock ? DevelopmentClock() : nil
        let clock = developmentClock?.clock(over: clock) ?? clock
        self.clock = clock
        self.random = random
        pageTokens = ServerKey(named: "page-token-key", storage: storage, random: random, PageTokens.init(key:))
        clientSecrets = ServerKey(named: "client-secret-key", storage: storage, random: random, ClientSecretBox.init(key:))
        verificationCodes = ServerKey(named: "verification-code-key", storage: storage, random: random, VerificationCodes.init(key:))
        signInSeal = ServerKey(named: "sign-in-key", storage: storage, random: random, SealingKey.init(key:))
        signingKeySeal = ServerKey(named: "signing-key-seal", storage: storage, random: random, SealingKey.init(key:))
        issuerBaseURL = configuration.issuerBaseURL
        delivery = MessageDelivery(storage: storage, clock: clock, random: random, keepsSecrets: configuration.developmentOutbox,
                                   email: try configuration.smtpURL.map { try SMTPRelay(url: $0, insecure: configuration.smtpInsecure) },
                                   sms: configuration.smsWebhookURL.map(SMSWebhook.init(url:)), logger: logger)
    }

    /// The pool with this id, as the request's region sees it.
    /// - Throws: `ResourceNotFoundException` when it does not exist or belongs to another region.
    func userPoolRecord(_ id: String, context: CallContext) async throws -> UserPoolRecord {
        try checkRegion(of: id, context: context)
        guard let record = try await storage.userPool(id: id) else { throw Self.poolNotFound(id) }
        return record
    }

    /// The pool as DescribeUserPool shows it.
    func describe(_ record: UserPoolRecord) throws(AWSServiceError) -> UserPoolType {
        try pools.decoded(record).stored.describe(record)
    }

    /// A pool id of another region names no pool the request can see.
    func checkRegion(of id: String, context: CallContext) throws {
        guard UserPoolID.region(of: id) == context.region else { throw Self.poolNotFound(id) }
    }

    static func poolNotFound(_ id: String) -> AWSServiceError {
        .resourceNotFoundException("User pool \(id) does not exist.")
    }

    /// Changes a stored pool atomically (see ``UserPoolStore/updateUserPool(id:_:)``); `change` may
    /// run more than once. LastModifiedDate becomes now. A change that leaves the document as it
    /// was (an UpdateUserPool repeating the pool's settings, as tools that re-apply a declared
    /// configuration do) keeps the stored bytes instead of encoding them again.
    @discardableResult
    func updateStoredPool(_ id: String, context: CallContext,
                          _ change: @escaping @Sendable (inout StoredUserPool, inout UserPoolRecord) throws -> Void) async throws -> UserPoolRecord {
        try checkRegion(of: id, context: context)
        let now = clock.now()
        do {
            let pools = pools
            return try await storage.updateUserPool(id: id) { record in
                let original = try pools.decoded(record).stored
                var stored = original
                try change(&stored, &record)
                record.lastModifiedDate = now
                guard stored != original else { return }
                stored.store(in: &record)
                pools.remember(stored, as: record)
            }
        } catch StorageError.notFound {
            throw Self.poolNotFound(id)
        }
    }
}
