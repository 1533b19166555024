import CognitoModel

/// The settings that CreateUserPool and UpdateUserPool both take, under the same names and shapes,
/// so that one function applies either request (``UserPoolConfiguration``).
public protocol UserPoolSettingsInput {
    var policies: UserPoolPolicyType? { get }
    var deletionProtection: DeletionProtectionType? { get }
    var lambdaConfig: LambdaConfigType? { get }
    var autoVerifiedAttributes: [VerifiedAttributeType]? { get }
    var smsVerificationMessage: String? { get }
    var emailVerificationMessage: String? { get }
    var emailVerificationSubject: String? { get }
    var verificationMessageTemplate: VerificationMessageTemplateType? { get }
    var smsAuthenticationMessage: String? { get }
    var userAttributeUpdateSettings: UserAttributeUpdateSettingsType? { get }
    var mfaConfiguration: UserPoolMfaType? { get }
    var deviceConfiguration: DeviceConfigurationType? { get }
    var emailConfiguration: EmailConfigurationType? { get }
    var smsConfiguration: SmsConfigurationType? { get }
    var userPoolTags: [String: String]? { get }
    var adminCreateUserConfig: AdminCreateUserConfigType? { get }
    var userPoolAddOns: UserPoolAddOnsType? { get }
    var accountRecoverySetting: AccountRecoverySettingType? { get }
    var userPoolTier: UserPoolTierType? { get }
}

extension CreateUserPoolRequest: UserPoolSettingsInput {}
extension UpdateUserPoolRequest: UserPoolSettingsInput {}
