import CognitoModel

/// A user pool as the operations that act on it see it: made once from the stored pool (and kept
/// with its decoded document, so a request pays nothing to have it), then passed down to every
/// rule and step of the call. Its id, region and ARN never change for a pool; the rest is what its
/// stored document says. A class, so that handing it on costs one reference, not a copy of every setting.
public final class UserPool: Sendable {
    public let id: String
    /// The region the pool lives in: its id's prefix.
    public let region: String
    public let arn: String
    /// The pool's settings as DescribeUserPool shows them, without the record's columns (name,
    /// dates, EstimatedNumberOfUsers) and the domains, which are kept apart.
    public let settings: UserPoolType
    public let passwordPolicy: PasswordPolicy
    /// How the pool names and finds its users.
    public let identity: UserIdentityRules
    /// How the pool checks the attributes a call writes.
    public let attributes: UserAttributeRules
    /// The texts the pool sends.
    public let messages: UserPoolMessages
    /// What the pool offers for MFA at sign-in.
    public let mfa: SignInMfa
    /// The Lambda functions the pool names for its triggers (empty when it names none).
    public let triggers: LambdaConfigType
    /// How the pool tracks devices; `nil` when it does not.
    public let devices: DeviceTracking?

    /// The pool `id`, of `region`, as `stored` describes it.
    public init(id: String, region: String, stored: StoredUserPool) {
        self.id = id
        self.region = region
        let settings = stored.pool
        self.settings = settings
        arn = settings.arn ?? ""
        passwordPolicy = PasswordPolicy(settings.policies?.passwordPolicy)
        identity = UserIdentityRules(pool: settings)
        attributes = UserAttributeRules(pool: settings)
        messages = UserPoolMessages(pool: settings)
        mfa = SignInMfa(stored)
        triggers = settings.lambdaConfig ?? LambdaConfigType()
        devices = DeviceTracking(settings.deviceConfiguration)
    }

    /// The pool's schema attributes, standard and custom.
    public var schema: [SchemaAttributeType] {
        settings.schemaAttributes ?? StandardSchema.attributes
    }
}
