import AWSWire
import CognitoModel

/// The CustomMessage trigger: before Cognito sends a code, a link or an invitation, the function
/// may write the message itself; `{####}` (and, in an invitation, `{username}`) in its text become
/// the code and the username. What it leaves `null` is the pool's own text.
public enum CustomMessageTrigger {
    public enum Source: String, Sendable {
        case signUp = "CustomMessage_SignUp"
        case adminCreateUser = "CustomMessage_AdminCreateUser"
        case resendCode = "CustomMessage_ResendCode"
        case forgotPassword = "CustomMessage_ForgotPassword"
        case updateUserAttribute = "CustomMessage_UpdateUserAttribute"
        case verifyUserAttribute = "CustomMessage_VerifyUserAttribute"
        case authentication = "CustomMessage_Authentication"
    }

    public static let codeParameter = "{####}"
    public static let usernameParameter = "{username}"
    public static let linkParameter = "{##Click Here##}"

    /// The texts the function wrote (`smsMessage`, `emailMessage`, `emailSubject`: the
    /// response's own fields); `nil` where it left the pool's.
    public typealias Answer = MessageTemplateType

    /// The event for a message to `user`.
    /// - Parameter clientID: the app client of the call; `nil` for an admin operation.
    public static func event(_ source: Source, pool: UserPool, user: StoredUser, clientID: String?,
                             clientMetadata: [String: String]?) -> [UInt8] {
        TriggerEvent(trigger: .customMessage, triggerSource: source.rawValue, region: pool.region, userPoolID: pool.id, userName: user.username,
                     clientID: clientID).json { request in
            request.member("userAttributes", UserTriggerEvents.userAttributes(user))
            request.member("codeParameter", codeParameter)
            request.member("linkParameter", linkParameter)
            request.member("usernameParameter", writing: { writer in
                if source == .adminCreateUser { writer.string(usernameParameter) } else { writer.null() }
            })
            request.member("clientMetadata", writing: TriggerAttributes.writer(clientMetadata))
        } response: { response in
            response.member("smsMessage", writing: { $0.null() })
            response.member("emailMessage", writing: { $0.null() })
            response.member("emailSubject", writing: { $0.null() })
        }
    }

    /// The texts the function wrote.
    /// - Throws: the call's error when the function failed or answered what Cognito cannot send: an
    ///   empty message, or one without `{####}` (an invitation: without `{username}` either).
    public static func answer(_ result: InvocationResult, source: Source) throws(AWSServiceError) -> Answer {
        let response = try TriggerEvent.output(result, of: .customMessage)
        let answer = Answer(smsMessage: try response.optionalString("smsMessage"), emailMessage: try response.optionalString("emailMessage"),
                            emailSubject: try response.optionalString("emailSubject"))
        for (field, text) in [("smsMessage", answer.smsMessage), ("emailBody", answer.emailMessage)] {
            guard let text else { continue }
            if text.isEmpty { throw .invalidParameterException("The message is empty.") }
            if !text.contains(codeParameter) || (source == .adminCreateUser && !text.contains(usernameParameter)) {
                throw .invalidParameterException("1 validation error detected: Value at '\(field)' failed to satisfy constraint: Member must "
                    + #"satisfy regular expression pattern: [\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*\{####\}[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*"#)
            }
        }
        return answer
    }
}

extension MessageTemplateType {
    /// As CustomMessage's answer, the message for `medium`: the function's texts with the code and
    /// username filled in, the pool's `default` where the function wrote none.
    public func message(_ medium: DeliveryMediumType, code: String, username: String,
                        default pool: (subject: String?, body: String)) -> (subject: String?, body: String) {
        func filled(_ text: String) -> String {
            text.replacingOccurrences(of: CustomMessageTrigger.codeParameter, with: code)
                .replacingOccurrences(of: CustomMessageTrigger.usernameParameter, with: username)
        }
        if medium == .sms { return (nil, smsMessage.map(filled) ?? pool.body) }
        return (emailSubject ?? pool.subject, emailMessage.map(filled) ?? pool.body)
    }
}
