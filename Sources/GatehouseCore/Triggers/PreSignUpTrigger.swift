import AWSWire
import CognitoModel

/// The PreSignUp trigger: its event for a SignUp or an AdminCreateUser, and what its answer
/// decides. A function that fails refuses the sign-up; one that answers may confirm the user and
/// mark the email address or phone number verified (SignUp only: Cognito ignores those answers to
/// AdminCreateUser).
public enum PreSignUpTrigger {
    public enum Source: String, Sendable {
        case signUp = "PreSignUp_SignUp"
        case adminCreateUser = "PreSignUp_AdminCreateUser"
    }

    /// What the function decided about a SignUp.
    public struct Answer: Sendable, Equatable {
        public var autoConfirmUser = false
        public var autoVerifyEmail = false
        public var autoVerifyPhone = false

        public init(autoConfirmUser: Bool = false, autoVerifyEmail: Bool = false, autoVerifyPhone: Bool = false) {
            self.autoConfirmUser = autoConfirmUser
            self.autoVerifyEmail = autoVerifyEmail
            self.autoVerifyPhone = autoVerifyPhone
        }

        /// Whether an email address or phone number it verifies takes its alias from another user.
        public var verifiesAnAddress: Bool { autoVerifyEmail || autoVerifyPhone }

        /// The new user as the answer leaves it: CONFIRMED, its email address or phone number verified.
        public func apply(to user: inout StoredUser) {
            if autoConfirmUser { user.status = .confirmed }
            if autoVerifyEmail { user.setAttribute("email_verified", "true") }
            if autoVerifyPhone { user.setAttribute("phone_number_verified", "true") }
        }
    }

    /// The event for the sign-up of `userName` with `userAttributes`.
    /// - Parameters:
    ///   - clientID: SignUp's app client; `nil` for AdminCreateUser.
    ///   - validationData: the call's ValidationData, `null` in the event when absent.
    ///   - clientMetadata: the call's ClientMetadata, `null` in the event when absent.
    public static func event(_ source: Source, pool: UserPool, userName: String, clientID: String?, userAttributes: [AttributeType],
                             validationData: [AttributeType]?, clientMetadata: [String: String]?) -> [UInt8] {
        TriggerEvent(trigger: .preSignUp, triggerSource: source.rawValue, region: pool.region, userPoolID: pool.id, userName: userName,
                     clientID: clientID).json { request in
            request.member("userAttributes", TriggerAttributes.map(userAttributes))
            request.member("validationData", writing: TriggerAttributes.writer(validationData.map(TriggerAttributes.map)))
            request.member("clientMetadata", writing: TriggerAttributes.writer(clientMetadata))
        } response: { response in
            response.member("autoConfirmUser", false)
            response.member("autoVerifyPhone", false)
            response.member("autoVerifyEmail", false)
        }
    }

    /// What the function's answer decides for a sign-up with `userAttributes`.
    /// - Throws: the operation's error when the function failed or answered what Cognito refuses:
    ///   a verified address without a confirmed user, or an address the user does not have.
    public static func answer(_ result: InvocationResult, source: Source, userAttributes: [AttributeType]) throws(AWSServiceError) -> Answer {
        let response = try TriggerEvent.output(result, of: .preSignUp)
        let answer = Answer(autoConfirmUser: try response.optionalBool("autoConfirmUser") ?? false,
                            autoVerifyEmail: try response.optionalBool("autoVerifyEmail") ?? false,
                            autoVerifyPhone: try response.optionalBool("autoVerifyPhone") ?? false)
        guard source == .signUp else { return Answer() }
        if (answer.autoVerifyEmail || answer.autoVerifyPhone) && !answer.autoConfirmUser {
            throw .invalidLambdaResponseException("Phone or email cannot be auto verified, when user is not being auto confirmed.")
        }
        func has(_ name: String) -> Bool { userAttributes.contains { $0.name == name && !($0.value ?? "").isEmpty } }
        if answer.autoVerifyEmail, !has("email") {
            throw .invalidLambdaResponseException("Email cannot be auto verified, when the user has no email.")
        }
        if answer.autoVerifyPhone, !has("phone_number") {
            throw .invalidLambdaResponseException("Phone cannot be auto verified, when the user has no phone number.")
        }
        return answer
    }
}
