import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage
import Logging

/// The Cognito service: wires the features (`Features/`), each holding only the services it uses,
/// and registers their operations. Its state of its own is the decoded pools
/// (``DecodedPoolCache``, checked against the stored bytes on every read), the server-wide keys
/// (``ServerKey``, which every process reads from the same database) and the deliveries in flight
/// (``MessageDelivery``, whose outcome goes to the shared outbox); so any number of server processes
/// can share a database. Only the development clock's offset (``DevelopmentClock``) belongs to one process.
public struct Gatehouse: Sendable {
    let storage: any Storage
    let clock: Clock
    let delivery: MessageDelivery
    /// The clock's development offset, when ``GatehouseConfiguration/developmentClock`` is on.
    let developmentClock: DevelopmentClock?
    let outbox: Outbox
    /// What `GET /metrics` shows.
    let metrics: ServerMetrics
    /// The requests' spans, when the server exports traces (``GatehouseConfiguration/otlpEndpoint``).
    let tracer: OTLPTracer?
    /// What `POST /_gatehouse/reset` does, when ``GatehouseConfiguration/developmentReset`` is on.
    let developmentReset: DevelopmentReset
    /// What `--bootstrap`, `gatehouse apply` and the reset apply.
    let declaredState: DeclaredStateFeature
    /// The key that seals the console's sessions (``ConsoleSession``).
    let consoleSessionSeal: ServerKey<SealingKey>
    let random: RandomSource
    /// The server-wide keys' store, which the server claims for its master key before it serves.
    let vault: SecretVault
    /// Reads every server-wide key, so that the server holds them all before it serves (a later
    /// `gatehouse keys rotate` then changes nothing it needs).
    let loadServerKeys: @Sendable () async throws -> Void

    let userPools: UserPoolsFeature
    let appClients: AppClientsFeature
    let domains: DomainsFeature
    let users: UsersFeature
    let groups: GroupsFeature
    let signUp: SignUpFeature
    let passwords: PasswordsFeature
    let signIn: SignInFeature
    let tokens: TokensFeature
    let mfa: MFAFeature
    let devices: DevicesFeature
    let resourceServers: ResourceServersFeature
    let terms: TermsFeature
    let branding: BrandingFeature
    let threatProtection: ThreatProtectionFeature
    let logDelivery: LogDeliveryFeature
    let oauth: OAuthFeature
    let managedLogin: ManagedLoginFeature

    /// - Parameters:
    ///   - masterKey: the key that wraps the server-wide keys in the database (``SecretVault``).
    ///   - configuration: what the server delivers messages with (outbox, SMTP, SMS webhook), the
    ///     issuer URL and its development switches.
    /// - Throws: ``SMTPRelay/InvalidURL`` for an SMTP URL of the wrong form.
    public init(storage: any Storage, masterKey: MasterKey, clock: Clock = .system, random: RandomSource = .system,
                configuration: GatehouseConfiguration = .init(), logger: Logger = Logger(label: "gatehouse")) throws {
        self.storage = storage
        developmentClock = configuration.developmentClock ? DevelopmentClock() : nil
        let clock = developmentClock?.clock(over: clock) ?? clock
        self.clock = clock
        let vault = SecretVault(storage: storage, masterKey: masterKey, random: random)
        self.vault = vault
        var loaders: [@Sendable () async throws -> Void] = []
        func key<Value>(_ name: String, _ make: @escaping @Sendable (Data) -> Value) -> ServerKey<Value> {
            let key = ServerKey(named: name, vault: vault, make)
            loaders.append { _ = try await key.value() }
            return key
        }
        let signInSeal = key("sign-in-key", SealingKey.init(key:))
        consoleSessionSeal = key("console-session-key", SealingKey.init(key:))
        self.random = random
        let metrics = ServerMetrics()
        self.metrics = metrics
        tracer = configuration.otlpEndpoint.map { _ in OTLPTracer() }
        let logs = LogExport(storage: storage, file: configuration.logDeliveryFile.map(JSONLinesFile.init(path:)),
                             url: configuration.logDeliveryURL, logger: logger)
        delivery = MessageDelivery(storage: storage, clock: clock, random: random, keepsSecrets: configuration.developmentOutbox,
                                   email: try configuration.smtpURL.map { try SMTPRelay(url: $0, insecure: configuration.smtpInsecure) },
                                   sms: configuration.smsWebhookURL.map(SMSWebhook.init(url:)), logs: logs, metrics: metrics, logger: logger)
        outbox = Outbox(storage: storage)

        let directory = UserPoolDirectory(storage: storage, clock: clock, cache: DecodedPoolCache(),
                                          clientSecrets: key("client-secret-key", ClientSecretBox.init(key:)))
        let users = UserDirectory(storage: storage, clock: clock, random: random)
        let pages = ListPages(tokens: key("page-token-key", PageTokens.init(key:)))
        let items = UserPoolItems(directory: directory, storage: storage, pages: pages)
        let domainRecords = UserPoolDomains(storage: storage)
        let aws = SignedAWSClient(credentials: AWSCredentialChain(environment: configuration.environment), http: SignedAWSClient.http)
        let invoker = FunctionInvoker(endpointURL: configuration.lambdaEndpointURL, client: aws, logger: logger)
        let triggers = Triggers(invoker: invoker)
        let senders = CustomSenders(kms: KeyManagementService(endpointURL: configuration.kmsEndpointURL, client: aws), invoker: invoker,
                                    random: random, logger: logger)
        let messenger = Messenger(delivery: delivery, triggers: triggers, senders: senders, issuerBaseURL: configuration.issuerBaseURL)
        let verificationCodes = key("verification-code-key", VerificationCodes.init(key:))
        let codes = CodeIssuer(users: users, messenger: messenger, keys: verificationCodes, simulatedIssues: storage, clock: clock, random: random)
        let tokenService = TokenService(storage: storage, signingKeys: SigningKeyCache(),
                                        signingKeySeal: key(SigningKeyCache.sealName, SealingKey.init(key:)), refreshTokenSeal: signInSeal,
                                        issuerBaseURL: configuration.issuerBaseURL, triggers: triggers, clock: clock, random: random)
        let userDevices = UserDevices(storage: storage, clock: clock, random: random)
        let refreshTokens = RefreshTokens(users: users, tokens: tokenService, devices: userDevices, seal: signInSeal, clock: clock)
        let accessTokens = AccessTokens(directory: directory, users: users, tokens: tokenService, clock: clock)
        let sessions = SignInSessions(storage: storage, seal: signInSeal, clock: clock, random: random)

        let allLoaders = loaders
        loadServerKeys = { for load in allLoaders { try await load() } }

        userPools = UserPoolsFeature(directory: directory, domains: domainRecords, storage: storage, pages: pages, clock: clock, random: random)
        appClients = AppClientsFeature(directory: directory, items: items, storage: storage, clock: clock, random: random)
        domains = DomainsFeature(directory: directory, domains: domainRecords, storage: storage, clock: clock,
                                 issuerBaseURL: configuration.issuerBaseURL)
        self.users = UsersFeature(directory: directory, users: users, accessTokens: accessTokens, codes: codes, messenger: messenger,
                                  triggers: triggers, pages: pages, clock: clock, random: random)
        groups = GroupsFeature(directory: directory, users: users, items: items, storage: storage, pages: pages, clock: clock)
        let risk = RiskAssessor(storage: storage, delivery: delivery, logs: logs, issuerBaseURL: configuration.issuerBaseURL, clock: clock,
                                random: random, logger: logger)
        signUp = SignUpFeature(directory: directory, users: users, domains: domainRecords, codes: codes, messenger: messenger,
                               triggers: triggers, risk: risk, clock: clock)
        passwords = PasswordsFeature(directory: directory, users: users, accessTokens: accessTokens, codes: codes, triggers: triggers,
                                     risk: risk, clock: clock, random: random)
        signIn = SignInFeature(directory: directory, users: users, sessions: sessions, tokens: tokenService, refreshTokens: refreshTokens,
                               devices: userDevices, messenger: messenger, triggers: triggers, risk: risk, metrics: metrics, codes: codes, seal: signInSeal,
                               clock: clock, random: random)
        tokens = TokensFeature(directory: directory, users: users, tokens: tokenService, refreshTokens: refreshTokens,
                               accessTokens: accessTokens, refreshTokenSeal: signInSeal, domains: domainRecords,
                               addressing: configuration.domainAddressing, clock: clock)
        mfa = MFAFeature(directory: directory, users: users, accessTokens: accessTokens, sessions: sessions, seal: signInSeal,
                         clock: clock, random: random)
        devices = DevicesFeature(directory: directory, users: users, devices: userDevices, accessTokens: accessTokens, pages: pages)
        resourceServers = ResourceServersFeature(directory: directory, items: items, storage: storage, clock: clock)
        let resolver = PoolDomainResolver(domains: domainRecords, directory: directory, addressing: configuration.domainAddressing)
        oauth = OAuthFeature(resolver: resolver, directory: directory, users: users, tokens: tokenService, refreshTokens: refreshTokens,
                             accessTokens: accessTokens, revocation: tokens, codeUses: storage, codeSeal: signInSeal, triggers: triggers,
                             clock: clock, random: random)
        terms = TermsFeature(directory: directory, items: items, storage: storage, clock: clock, random: random)
        threatProtection = ThreatProtectionFeature(directory: directory, users: users, items: items, storage: storage, clock: clock)
        logDelivery = LogDeliveryFeature(directory: directory, items: items, storage: storage, clock: clock)
        let brandings = Brandings(storage: storage)
        branding = BrandingFeature(directory: directory, items: items, domains: domainRecords, brandings: brandings, storage: storage,
                                   addressing: configuration.domainAddressing, clock: clock, random: random)
        managedLogin = ManagedLoginFeature(resolver: resolver, directory: directory, users: users, signIn: signIn, signUp: signUp,
                                           passwords: passwords, mfa: mfa, tokens: tokenService, storage: storage, brandings: brandings, seal: signInSeal,
                                           pages: ManagedLoginPages(), clock: clock, random: random,
                                           trustedProxies: configuration.trustedProxies)
        declaredState = DeclaredStateFeature(userPools: userPools, resourceServers: resourceServers, appClients: appClients, domains: domains,
                                             branding: branding, groups: groups, users: self.users, passwords: passwords,
                                             accountID: configuration.accountID)
        developmentReset = DevelopmentReset(storage: storage, declaredState: declaredState, bootstrap: configuration.bootstrap, logger: logger)
    }

    /// The operations Gatehouse implements. Every other operation of the model answers
    /// `NotImplementedException`; docs/operations.md is checked against this list.
    public var operations: OperationRegistry {
        var registry = OperationRegistry()
        userPools.register(in: &registry)
        appClients.register(in: &registry)
        domains.register(in: &registry)
        users.register(in: &registry)
        groups.register(in: &registry)
        signUp.register(in: &registry)
        passwords.register(in: &registry)
        signIn.register(in: &registry)
        tokens.register(in: &registry)
        mfa.register(in: &registry)
        devices.register(in: &registry)
        resourceServers.register(in: &registry)
        terms.register(in: &registry)
        branding.register(in: &registry)
        threatProtection.register(in: &registry)
        logDelivery.register(in: &registry)
        return registry
    }
}
