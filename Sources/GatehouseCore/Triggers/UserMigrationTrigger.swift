import AWSWire
import CognitoModel

/// The UserMigration trigger: a user the pool does not have signs in with a password, or asks for
/// a password reset, and the function vouches for it from an older system with the attributes it
/// is to have.
public enum UserMigrationTrigger {
    public enum Source: String, Sendable {
        case authentication = "UserMigration_Authentication"
        case forgotPassword = "UserMigration_ForgotPassword"
    }

    /// The user the function vouches for.
    public struct Answer: Sendable, Equatable {
        public var userAttributes: [AttributeType]
        /// CONFIRMED (the default) or RESET_REQUIRED.
        public var finalUserStatus: UserStatusType
        public var forceAliasCreation: Bool

        public init(userAttributes: [AttributeType], finalUserStatus: UserStatusType = .confirmed, forceAliasCreation: Bool = false) {
            self.userAttributes = userAttributes
            self.finalUserStatus = finalUserStatus
            self.forceAliasCreation = forceAliasCreation
        }
    }

    /// The event for `userName`, as the caller typed it.
    /// - Parameters:
    ///   - password: the password typed (sign-in only; Cognito sends none for a reset).
    ///   - validationData: InitiateAuth's or AdminInitiateAuth's ClientMetadata.
    ///   - clientMetadata: ForgotPassword's ClientMetadata.
    public static func event(_ source: Source, pool: UserPool, userName: String, clientID: String, password: String?,
                             validationData: [String: String]?, clientMetadata: [String: String]?) -> [UInt8] {
        TriggerEvent(trigger: .userMigration, triggerSource: source.rawValue, region: pool.region, userPoolID: pool.id, userName: userName,
                     clientID: clientID).json { request in
            if let password { request.member("password", password) }
            request.member("validationData", writing: TriggerAttributes.writer(validationData))
            request.member("clientMetadata", writing: TriggerAttributes.writer(clientMetadata))
        } response: { response in
            response.member("userAttributes", writing: { $0.null() })
            response.member("forceAliasCreation", writing: { $0.null() })
            response.member("enableSMSMFA", writing: { $0.null() })
            response.member("finalUserStatus", writing: { $0.null() })
            response.member("messageAction", writing: { $0.null() })
            response.member("desiredDeliveryMediums", writing: { $0.null() })
        }
    }

    /// The user the function vouches for, or `nil` when its answer has no `userAttributes` (the
    /// user is not known there either).
    /// - Throws: the call's error when the function failed or answered what Cognito cannot read.
    public static func answer(_ result: InvocationResult) throws(AWSServiceError) -> Answer? {
        let response = try TriggerEvent.output(result, of: .userMigration)
        guard let attributes = try response.optionalObject("userAttributes") else { return nil }
        var userAttributes: [AttributeType] = []
        for (name, value) in attributes.pairs ?? [] {
            guard let value = value.string else { throw TriggerEvent.unrecognizable }
            userAttributes.append(AttributeType(name: name, value: value))
        }
        let status: UserStatusType
        switch try response.optionalString("finalUserStatus") {
        case nil, "CONFIRMED": status = .confirmed
        case "RESET_REQUIRED": status = .resetRequired
        default: throw TriggerEvent.unrecognizable
        }
        if let action = try response.optionalString("messageAction"), action != "SUPPRESS", action != "RESEND" { throw TriggerEvent.unrecognizable }
        _ = try response.optionalStrings("desiredDeliveryMediums")
        return Answer(userAttributes: userAttributes, finalUserStatus: status,
                      forceAliasCreation: try response.optionalBool("forceAliasCreation") ?? false)
    }
}
