import CognitoModel

/// The texts a pool sends, from its settings, with Cognito's defaults where the pool has none:
/// the verification message (VerificationMessageTemplate, else the legacy fields), the sign-up
/// link email (VerificationMessageTemplate's ByLink fields), the invitation
/// (AdminCreateUserConfig.InviteMessageTemplate), the sign-in code of MFA. `{####}` becomes the
/// code or temporary password, `{username}` the username, `{##text##}` a link showing `text`.
public struct UserPoolMessages: Sendable {
    public static let defaultVerificationSubject = "Your verification code"
    public static let defaultVerificationMessage = "Your verification code is {####}. "
    public static let defaultLinkSubject = "Your verification link"
    public static let defaultLinkMessage = "Please click the link below to verify your email address. {##Verify Email##} "
    public static let defaultInvitationSubject = "Your temporary password"
    public static let defaultInvitationMessage = "Your username is {username} and temporary password is {####}. "
    public static let defaultAuthenticationSubject = "Your authentication code"
    public static let defaultAuthenticationMessage = "Your authentication code is {####}. "
    /// The sender of a pool that sends with Cognito's own account and names no From.
    public static let defaultSender = "no-reply@verificationemail.com"

    private let pool: UserPoolType

    public init(pool: UserPoolType) {
        self.pool = pool
    }

    /// The verification code message for `medium`: subject (emails only) and body.
    public func verification(_ medium: DeliveryMediumType, code: String) -> (subject: String?, body: String) {
        let template = pool.verificationMessageTemplate
        if medium == .sms {
            return (nil, fill(template?.smsMessage ?? pool.smsVerificationMessage ?? Self.defaultVerificationMessage, code: code))
        }
        return (template?.emailSubject ?? pool.emailVerificationSubject ?? Self.defaultVerificationSubject,
                fill(template?.emailMessage ?? pool.emailVerificationMessage ?? Self.defaultVerificationMessage, code: code))
    }

    /// The sign-up confirmation email of a pool that confirms with links: each `{##text##}` of
    /// EmailMessageByLink becomes an HTML link to `url` that shows `text`.
    public func verificationLink(to url: String) -> (subject: String?, body: String) {
        let template = pool.verificationMessageTemplate
        var text = Substring(template?.emailMessageByLink ?? Self.defaultLinkMessage)
        var body = ""
        while let open = text.range(of: "{##"), let close = text.range(of: "##}", range: open.upperBound..<text.endIndex) {
            body += text[..<open.lowerBound] + "<a href=\"\(url)\">\(text[open.upperBound..<close.lowerBound])</a>"
            text = text[close.upperBound...]
        }
        return (template?.emailSubjectByLink ?? Self.defaultLinkSubject, body + text)
    }

    /// The invitation AdminCreateUser sends, with the temporary password.
    public func invitation(_ medium: DeliveryMediumType, username: String, temporaryPassword: String) -> (subject: String?, body: String) {
        let template = pool.adminCreateUserConfig?.inviteMessageTemplate
        if medium == .sms {
            return (nil, fill(template?.smsMessage ?? Self.defaultInvitationMessage, code: temporaryPassword, username: username))
        }
        return (template?.emailSubject ?? Self.defaultInvitationSubject,
                fill(template?.emailMessage ?? Self.defaultInvitationMessage, code: temporaryPassword, username: username))
    }

    /// The sign-in code of SMS_MFA (SmsAuthenticationMessage) or EMAIL_OTP (the pool's
    /// EmailMfaConfiguration, `emailMfa`).
    public func authentication(_ medium: DeliveryMediumType, code: String, emailMfa: EmailMfaConfigType?) -> (subject: String?, body: String) {
        if medium == .sms { return (nil, fill(pool.smsAuthenticationMessage ?? Self.defaultAuthenticationMessage, code: code)) }
        return (emailMfa?.subject ?? Self.defaultAuthenticationSubject, fill(emailMfa?.message ?? Self.defaultAuthenticationMessage, code: code))
    }

    /// The sender of the pool's emails: EmailConfiguration.From, else the address of its SES
    /// identity (SourceArn `…:identity/<address>`), else Cognito's own.
    public var sender: String {
        if let from = pool.emailConfiguration?.from { return from }
        if let arn = pool.emailConfiguration?.sourceArn, let range = arn.range(of: ":identity/") { return String(arn[range.upperBound...]) }
        return Self.defaultSender
    }

    public var replyTo: String? { pool.emailConfiguration?.replyToEmailAddress }

    private func fill(_ template: String, code: String, username: String? = nil) -> String {
        var text = template.replacingOccurrences(of: "{####}", with: code)
        if let username { text = text.replacingOccurrences(of: "{username}", with: username) }
        return text
    }
}
