import AWSWire
import CognitoModel

/// Applies the settings of CreateUserPool or UpdateUserPool to a pool, as Cognito does:
/// every setting the request leaves out returns to its default (docs/cognito-notes.md §2.2), except that an
/// update keeps the pool's UserPoolTier, UserPoolTags and UserAttributeUpdateSettings when the
/// request omits them. Legacy message fields and VerificationMessageTemplate mirror each other
/// where only one side is given (§2.3). Business rules are checked by ``UserPoolRules``.
public enum UserPoolConfiguration {
    /// The default password policy: 8 characters, all four classes, temporary passwords valid 7 days.
    public static let defaultPasswordPolicy = PasswordPolicyType(
        minimumLength: 8, requireUppercase: true, requireLowercase: true, requireNumbers: true,
        requireSymbols: true, temporaryPasswordValidityDays: defaultValidityDays)
    public static let defaultSignInPolicy = SignInPolicyType(allowedFirstAuthFactors: [.password])
    public static let defaultAccountRecovery = AccountRecoverySettingType(recoveryMechanisms: [
        RecoveryOptionType(priority: 1, name: .verifiedPhoneNumber),
        RecoveryOptionType(priority: 2, name: .verifiedEmail),
    ])
    static let defaultValidityDays = 7

    /// - Parameters:
    ///   - isUpdate: `true` for UpdateUserPool (keeps tier, tags and attribute-update settings when omitted).
    ///   - region: the pool's region, the default `SnsRegion` of an SMS configuration.
    public static func apply(_ input: some UserPoolSettingsInput, to pool: inout UserPoolType, region: String, isUpdate: Bool) {
        let validityDays = temporaryPasswordValidityDays(input)
        pool.policies = policies(input.policies, validityDays: validityDays)
        pool.deletionProtection = input.deletionProtection ?? .inactive
        pool.lambdaConfig = lambdaConfig(input.lambdaConfig)
        pool.autoVerifiedAttributes = input.autoVerifiedAttributes
        applyMessages(input, to: &pool)
        pool.smsAuthenticationMessage = input.smsAuthenticationMessage
        if let settings = input.userAttributeUpdateSettings {
            pool.userAttributeUpdateSettings = UserAttributeUpdateSettingsType(
                attributesRequireVerificationBeforeUpdate: settings.attributesRequireVerificationBeforeUpdate ?? [])
        } else if !isUpdate {
            pool.userAttributeUpdateSettings = UserAttributeUpdateSettingsType(attributesRequireVerificationBeforeUpdate: [])
        }
        pool.mfaConfiguration = input.mfaConfiguration ?? .off
        pool.deviceConfiguration = input.deviceConfiguration
        var email = input.emailConfiguration ?? EmailConfigurationType()
        email.emailSendingAccount = email.emailSendingAccount ?? .cognitoDefault
        pool.emailConfiguration = email
        pool.smsConfiguration = input.smsConfiguration.map { sms in
            var sms = sms
            sms.snsRegion = sms.snsRegion ?? region
            return sms
        }
        if let tags = input.userPoolTags {
            pool.userPoolTags = tags
        } else if !isUpdate {
            pool.userPoolTags = [:]
        }
        var admin = input.adminCreateUserConfig ?? AdminCreateUserConfigType()
        admin.allowAdminCreateUserOnly = admin.allowAdminCreateUserOnly ?? false
        admin.unusedAccountValidityDays = validityDays
        pool.adminCreateUserConfig = admin
        pool.userPoolAddOns = input.userPoolAddOns
        pool.accountRecoverySetting = input.accountRecoverySetting ?? defaultAccountRecovery
        if let tier = input.userPoolTier {
            pool.userPoolTier = tier
        } else if !isUpdate {
            pool.userPoolTier = .essentials
        }
    }

    /// TemporaryPasswordValidityDays, or the legacy UnusedAccountValidityDays when only that is given;
    /// 0 means the default (the model's documentation).
    static func temporaryPasswordValidityDays(_ input: some UserPoolSettingsInput) -> Int {
        let days = input.policies?.passwordPolicy?.temporaryPasswordValidityDays
            ?? input.adminCreateUserConfig?.unusedAccountValidityDays
        return days.flatMap { $0 == 0 ? nil : $0 } ?? defaultValidityDays
    }

    /// A password policy given in part gets 8 for a missing MinimumLength and `false` for a missing
    /// requirement (Cognito's booleans default to false).
    static func policies(_ given: UserPoolPolicyType?, validityDays: Int) -> UserPoolPolicyType {
        var password = given?.passwordPolicy.map { policy in
            PasswordPolicyType(
                minimumLength: policy.minimumLength ?? defaultPasswordPolicy.minimumLength,
                requireUppercase: policy.requireUppercase ?? false, requireLowercase: policy.requireLowercase ?? false,
                requireNumbers: policy.requireNumbers ?? false, requireSymbols: policy.requireSymbols ?? false,
                passwordHistorySize: policy.passwordHistorySize)
        } ?? defaultPasswordPolicy
        password.temporaryPasswordValidityDays = validityDays
        let signIn = given?.signInPolicy.map { policy in
            SignInPolicyType(allowedFirstAuthFactors: policy.allowedFirstAuthFactors ?? defaultSignInPolicy.allowedFirstAuthFactors)
        } ?? defaultSignInPolicy
        return UserPoolPolicyType(passwordPolicy: password, signInPolicy: signIn)
    }

    /// The legacy `PreTokenGeneration` ARN and `PreTokenGenerationConfig` describe one trigger: each
    /// given alone fills in the other (version V1_0 for the legacy form).
    static func lambdaConfig(_ given: LambdaConfigType?) -> LambdaConfigType {
        guard var config = given else { return LambdaConfigType() }
        if let arn = config.preTokenGeneration, config.preTokenGenerationConfig == nil {
            config.preTokenGenerationConfig = PreTokenGenerationVersionConfigType(lambdaVersion: .v1_0, lambdaArn: arn)
        } else if let arn = config.preTokenGenerationConfig?.lambdaArn, config.preTokenGeneration == nil {
            config.preTokenGeneration = arn
        }
        return config
    }

    /// Stores legacy fields and template as given, each side filling in what the other left out.
    static func applyMessages(_ input: some UserPoolSettingsInput, to pool: inout UserPoolType) {
        var template = input.verificationMessageTemplate ?? VerificationMessageTemplateType()
        template.defaultEmailOption = template.defaultEmailOption ?? .confirmWithCode
        template.smsMessage = template.smsMessage ?? input.smsVerificationMessage
        template.emailMessage = template.emailMessage ?? input.emailVerificationMessage
        template.emailSubject = template.emailSubject ?? input.emailVerificationSubject
        pool.verificationMessageTemplate = template
        pool.smsVerificationMessage = input.smsVerificationMessage ?? template.smsMessage
        pool.emailVerificationMessage = input.emailVerificationMessage ?? template.emailMessage
        pool.emailVerificationSubject = input.emailVerificationSubject ?? template.emailSubject
    }
}
