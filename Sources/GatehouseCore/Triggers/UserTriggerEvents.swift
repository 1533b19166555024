import AWSWire
import CognitoModel

/// The triggers that tell a function about a user and take no decision from its answer but a
/// failure: PostConfirmation, PreAuthentication and PostAuthentication. Their `userAttributes` are
/// the user's attributes with `cognito:user_status`, as Cognito sends them; their `response` is
/// empty.
public enum UserTriggerEvents {
    public enum PostConfirmationSource: String, Sendable {
        case confirmSignUp = "PostConfirmation_ConfirmSignUp"
        case confirmForgotPassword = "PostConfirmation_ConfirmForgotPassword"
    }

    /// PostConfirmation, once the user is confirmed (and stays so, whatever the function answers).
    /// - Parameter clientID: the app client of the call; `nil` for AdminConfirmSignUp.
    public static func postConfirmation(_ source: PostConfirmationSource, pool: UserPool, user: StoredUser, clientID: String?,
                                        clientMetadata: [String: String]?) -> [UInt8] {
        event(.postConfirmation, source.rawValue, pool: pool, userName: user.username, clientID: clientID) { request in
            request.member("userAttributes", userAttributes(user))
            request.member("clientMetadata", writing: TriggerAttributes.writer(clientMetadata))
        }
    }

    /// PreAuthentication, before the password is checked.
    /// - Parameters:
    ///   - user: the user, or `nil` when it does not exist and the client hides which users exist
    ///     (then `userNotFound` is true and the attributes are empty).
    ///   - validationData: the ClientMetadata of InitiateAuth or AdminInitiateAuth.
    public static func preAuthentication(pool: UserPool, user: StoredUser?, userName: String, clientID: String,
                                         validationData: [String: String]?) -> [UInt8] {
        event(.preAuthentication, "PreAuthentication_Authentication", pool: pool, userName: user?.username ?? userName,
              clientID: clientID) { request in
            request.member("userAttributes", user.map(userAttributes) ?? [:])
            request.member("validationData", writing: TriggerAttributes.writer(validationData))
            if user == nil { request.member("userNotFound", true) }
        }
    }

    /// PostAuthentication, once every challenge is answered and before tokens are issued.
    /// - Parameters:
    ///   - clientMetadata: the ClientMetadata of RespondToAuthChallenge or
    ///     AdminRespondToAuthChallenge (InitiateAuth's goes to PreAuthentication only).
    ///   - newDeviceUsed: the sign-in gets a new device: it presented none in a pool that tracks them.
    public static func postAuthentication(pool: UserPool, user: StoredUser, clientID: String, clientMetadata: [String: String]?,
                                          newDeviceUsed: Bool) -> [UInt8] {
        event(.postAuthentication, "PostAuthentication_Authentication", pool: pool, userName: user.username, clientID: clientID) { request in
            request.member("userAttributes", userAttributes(user))
            request.member("newDeviceUsed", newDeviceUsed)
            request.member("clientMetadata", writing: TriggerAttributes.writer(clientMetadata))
        }
    }

    /// Checks a function's answer to one of these triggers.
    /// - Throws: the operation's error when the function failed or answered no event.
    public static func check(_ result: InvocationResult, of trigger: LambdaTrigger) throws(AWSServiceError) {
        _ = try TriggerEvent.output(result, of: trigger)
    }

    /// The user's attributes as these events show them: each attribute, and its status as `cognito:user_status`.
    static func userAttributes(_ user: StoredUser) -> [String: String] {
        var map = TriggerAttributes.map(user.attributes)
        map["cognito:user_status"] = user.status.rawValue
        return map
    }

    private static func event(_ trigger: LambdaTrigger, _ source: String, pool: UserPool, userName: String, clientID: String?,
                              request: (inout JSONWriter) -> Void) -> [UInt8] {
        TriggerEvent(trigger: trigger, triggerSource: source, region: pool.region, userPoolID: pool.id, userName: userName, clientID: clientID)
            .json(request: request) { _ in }
    }
}
