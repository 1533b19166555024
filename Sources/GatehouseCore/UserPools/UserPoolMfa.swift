import AWSWire
import CognitoModel

/// The pool-wide MFA settings of Get/SetUserPoolMfaConfig. SMS MFA uses the pool's own
/// SmsAuthenticationMessage and SmsConfiguration, so SetUserPoolMfaConfig writes those.
public enum UserPoolMfa {
    /// The pool's MFA settings, showing only the factors that are configured.
    public static func configuration(of stored: StoredUserPool) -> GetUserPoolMfaConfigResponse {
        let pool = stored.pool
        let sms = pool.smsConfiguration == nil && pool.smsAuthenticationMessage == nil ? nil
            : SmsMfaConfigType(smsAuthenticationMessage: pool.smsAuthenticationMessage, smsConfiguration: pool.smsConfiguration)
        return GetUserPoolMfaConfigResponse(
            smsMfaConfiguration: sms, softwareTokenMfaConfiguration: stored.softwareTokenMfaConfiguration,
            emailMfaConfiguration: stored.emailMfaConfiguration, mfaConfiguration: pool.mfaConfiguration ?? .off,
            webAuthnConfiguration: stored.webAuthnConfiguration)
    }

    /// Applies SetUserPoolMfaConfig. A factor the request leaves out is turned off (TOTP, email) or
    /// left as it is (the SMS settings, which verification messages share); MfaConfiguration and
    /// WebAuthnConfiguration are unchanged when omitted.
    /// - Throws: `InvalidParameterException` when MFA is turned off while a factor is configured, or
    ///   turned on with no factor; `FeatureUnavailableInTierException` for email MFA on the LITE plan.
    public static func apply(_ request: SetUserPoolMfaConfigRequest, to stored: inout StoredUserPool, region: String) throws(AWSServiceError) {
        let mode = request.mfaConfiguration ?? stored.pool.mfaConfiguration ?? .off
        let configuresFactor = request.smsMfaConfiguration != nil || request.softwareTokenMfaConfiguration?.enabled == true
            || request.emailMfaConfiguration != nil
        if mode == .off, configuresFactor {
            throw .invalidParameterException("Invalid MFA configuration given, can't turn off MFA and configure an MFA together.")
        }
        if let email = request.emailMfaConfiguration {
            if stored.pool.userPoolTier == .lite {
                throw .featureUnavailableInTierException("Email MFA is not available in the LITE feature plan.")
            }
            if stored.pool.emailConfiguration?.emailSendingAccount != .developer {
                throw .invalidParameterException("Email MFA requires EmailSendingAccount DEVELOPER in the user pool's EmailConfiguration.")
            }
            stored.emailMfaConfiguration = email
        } else {
            stored.emailMfaConfiguration = nil
        }
        if let sms = request.smsMfaConfiguration {
            stored.pool.smsAuthenticationMessage = sms.smsAuthenticationMessage ?? stored.pool.smsAuthenticationMessage
            if var configuration = sms.smsConfiguration {
                configuration.snsRegion = configuration.snsRegion ?? region
                stored.pool.smsConfiguration = configuration
            }
        }
        stored.softwareTokenMfaConfiguration = request.softwareTokenMfaConfiguration
        if mode != .off, stored.pool.smsConfiguration == nil, !stored.softwareTokenMfaEnabled, stored.emailMfaConfiguration == nil {
            throw .invalidParameterException("Invalid MFA Configuration given. SMS MFA, Email MFA, or Software Token MFA must be enabled.")
        }
        stored.pool.mfaConfiguration = mode
        stored.webAuthnConfiguration = request.webAuthnConfiguration ?? stored.webAuthnConfiguration
    }
}
