import AWSWire
import CognitoModel

/// The business rules CreateUserPool and UpdateUserPool check beyond the model's constraints
/// (docs/cognito-notes.md §2.4 b). Messages are Cognito's where they are known; the others are recorded
/// in docs/compatibility.md.
public enum UserPoolRules {
    /// Checks a request against the rules, before anything is written.
    /// - Parameters:
    ///   - softwareTokenMfaEnabled: whether the pool has TOTP MFA turned on (SetUserPoolMfaConfig).
    ///   - tier: the feature plan the pool will have after the request.
    public static func check(_ input: some UserPoolSettingsInput, softwareTokenMfaEnabled: Bool,
                             tier: UserPoolTierType) throws(AWSServiceError) {
        if input.policies?.passwordPolicy?.temporaryPasswordValidityDays != nil,
           input.adminCreateUserConfig?.unusedAccountValidityDays != nil {
            throw .invalidParameterException(
                "Please use TemporaryPasswordValidityDays in PasswordPolicy instead of UnusedAccountValidityDays")
        }
        if let mfa = input.mfaConfiguration, mfa != .off, input.smsConfiguration == nil, !softwareTokenMfaEnabled {
            throw .invalidParameterException(
                "SMS configuration and Auto verification for phone_number are required when MFA is required/optional")
        }
        try checkEmailConfiguration(input.emailConfiguration)
        try checkLinkMessage(input.verificationMessageTemplate)
        try checkLambdaConfig(input.lambdaConfig)
        try checkRecovery(input.accountRecoverySetting)
        if tier == .lite, let version = input.lambdaConfig?.preTokenGenerationConfig?.lambdaVersion, version != .v1_0 {
            throw .featureUnavailableInTierException(
                "PreTokenGeneration \(version.rawValue) (access token customization) requires the ESSENTIALS or PLUS feature plan.")
        }
        if let mode = input.userPoolAddOns?.advancedSecurityMode, mode != .off, tier != .plus {
            throw .featureUnavailableInTierException(
                "Threat protection (AdvancedSecurityMode \(mode.rawValue)) requires the PLUS feature plan.")
        }
    }

    static func checkEmailConfiguration(_ email: EmailConfigurationType?) throws(AWSServiceError) {
        guard let email else { return }
        let account = email.emailSendingAccount ?? .cognitoDefault
        if account == .cognitoDefault, email.from != nil {
            throw .invalidParameterException("Cannot configure From email address for default email configuration")
        }
        if account == .developer, email.sourceArn == nil {
            throw .invalidParameterException("SourceArn is required when EmailSendingAccount is DEVELOPER.")
        }
    }

    /// A link message must hold `{##text##}` with some text: `{####}` matches the model's pattern
    /// but is refused with "The message is invalid." (aws-cli#8280 and others).
    static func checkLinkMessage(_ template: VerificationMessageTemplateType?) throws(AWSServiceError) {
        guard let message = template?.emailMessageByLink else { return }
        guard let open = message.range(of: "{##"),
              let close = message.range(of: "##}", range: open.upperBound..<message.endIndex),
              open.upperBound < close.lowerBound else {
            throw .invalidParameterException("The message is invalid.")
        }
    }

    static func checkLambdaConfig(_ config: LambdaConfigType?) throws(AWSServiceError) {
        guard let config else { return }
        if let legacy = config.preTokenGeneration, let arn = config.preTokenGenerationConfig?.lambdaArn, legacy != arn {
            throw .invalidParameterException("PreTokenGeneration and PreTokenGenerationConfig.LambdaArn must be the same function.")
        }
        if config.inboundFederation != nil {
            throw .invalidParameterException("InboundFederation is not supported: Gatehouse has no identity providers yet.")
        }
        if config.customSMSSender != nil || config.customEmailSender != nil, config.kmsKeyID == nil {
            throw .invalidParameterException("KMSKeyID is required when a CustomSMSSender or CustomEmailSender trigger is set.")
        }
    }

    /// Recovery mechanisms have distinct names and priorities 1…n, and `admin_only` stands alone.
    static func checkRecovery(_ setting: AccountRecoverySettingType?) throws(AWSServiceError) {
        guard let mechanisms = setting?.recoveryMechanisms else { return }
        let names = mechanisms.compactMap(\.name)
        let priorities = mechanisms.compactMap(\.priority)
        if Set(names).count != names.count {
            throw .invalidParameterException("RecoveryMechanisms cannot contain the same mechanism twice.")
        }
        if !priorities.isEmpty, priorities.sorted() != Array(1...priorities.count) {
            throw .invalidParameterException("RecoveryMechanisms priorities must be distinct and start at 1.")
        }
        if names.contains(.adminOnly), names.count > 1 {
            throw .invalidParameterException("admin_only cannot be combined with another recovery mechanism.")
        }
    }
}
