import AWSWire
import CognitoModel

/// The custom challenge triggers of CUSTOM_AUTH: DefineAuthChallenge decides, after each step,
/// whether the sign-in fails, gets tokens or meets another challenge; CreateAuthChallenge makes a
/// CUSTOM_CHALLENGE (public parameters for the client, private ones for the check);
/// VerifyAuthChallengeResponse checks the client's answer.
public enum CustomAuthTriggers {
    /// One step of the sign-in so far, as `request.session` lists them.
    public struct ChallengeResult: Sendable, Equatable {
        public var challengeName: String
        public var challengeResult: Bool
        /// The CreateAuthChallenge function's metadata of a CUSTOM_CHALLENGE.
        public var challengeMetadata: String?

        public init(challengeName: String, challengeResult: Bool, challengeMetadata: String? = nil) {
            self.challengeName = challengeName
            self.challengeResult = challengeResult
            self.challengeMetadata = challengeMetadata
        }
    }

    /// What DefineAuthChallenge decided.
    public enum Decision: Sendable, Equatable {
        case issueTokens
        case fail
        case customChallenge
        /// SRP's password check, for a sign-in that started with SRP_A.
        case passwordVerifier
    }

    /// A CUSTOM_CHALLENGE as CreateAuthChallenge made it.
    public struct Challenge: Sendable, Equatable {
        public var publicParameters: [String: String]
        public var privateParameters: [String: String]
        public var metadata: String?

        public init(publicParameters: [String: String], privateParameters: [String: String], metadata: String?) {
            self.publicParameters = publicParameters
            self.privateParameters = privateParameters
            self.metadata = metadata
        }
    }

    /// How many challenges one sign-in may meet (docs/compatibility.md § Lambda triggers).
    public static let maximumChallenges = 10

    /// What the three events share: the user (none, with `userNotFound`, for a user a hiding client
    /// does not show) and the call's ClientMetadata.
    public struct Subject: Sendable {
        public let pool: UserPool
        public let user: StoredUser?
        public let userName: String
        public let clientID: String
        public let clientMetadata: [String: String]?

        public init(pool: UserPool, user: StoredUser?, userName: String, clientID: String, clientMetadata: [String: String]?) {
            self.pool = pool
            self.user = user
            self.userName = userName
            self.clientID = clientID
            self.clientMetadata = clientMetadata
        }

        func event(_ trigger: LambdaTrigger, request: (inout JSONWriter) -> Void, response: (inout JSONWriter) -> Void) -> [UInt8] {
            TriggerEvent(trigger: trigger, triggerSource: "\(trigger.rawValue)_Authentication", region: pool.region, userPoolID: pool.id,
                         userName: user?.username ?? userName, clientID: clientID).json { writer in
                writer.member("userAttributes", user.map(UserTriggerEvents.userAttributes) ?? [:])
                request(&writer)
                writer.member("clientMetadata", writing: TriggerAttributes.writer(clientMetadata))
                if user == nil { writer.member("userNotFound", true) }
            } response: { response(&$0) }
        }
    }

    static func write(_ session: [ChallengeResult], to writer: inout JSONWriter) {
        writer.beginArray()
        for step in session {
            writer.element(JSONNode.object([("challengeName", .string(step.challengeName)), ("challengeResult", .bool(step.challengeResult)),
                                            ("challengeMetadata", step.challengeMetadata.map(JSONNode.string) ?? .null)]))
        }
        writer.endArray()
    }

    public static func defineEvent(_ subject: Subject, session: [ChallengeResult]) -> [UInt8] {
        subject.event(.defineAuthChallenge) { request in
            request.member("session") { write(session, to: &$0) }
        } response: { response in
            response.member("challengeName", writing: { $0.null() })
            response.member("issueTokens", writing: { $0.null() })
            response.member("failAuthentication", writing: { $0.null() })
        }
    }

    /// DefineAuthChallenge's decision: failing wins over tokens, tokens over a challenge.
    /// - Throws: the call's error when the function failed, or named no challenge Gatehouse runs.
    public static func decision(_ result: InvocationResult) throws(AWSServiceError) -> Decision {
        let response = try TriggerEvent.output(result, of: .defineAuthChallenge)
        if try response.optionalBool("failAuthentication") == true { return .fail }
        if try response.optionalBool("issueTokens") == true { return .issueTokens }
        switch try response.optionalString("challengeName") {
        case ChallengeNameType.customChallenge.rawValue: return .customChallenge
        case ChallengeNameType.passwordVerifier.rawValue: return .passwordVerifier
        default: throw TriggerEvent.unrecognizable
        }
    }

    public static func createEvent(_ subject: Subject, session: [ChallengeResult]) -> [UInt8] {
        subject.event(.createAuthChallenge) { request in
            request.member("challengeName", ChallengeNameType.customChallenge.rawValue)
            request.member("session") { write(session, to: &$0) }
        } response: { response in
            response.member("publicChallengeParameters", writing: { $0.null() })
            response.member("privateChallengeParameters", writing: { $0.null() })
            response.member("challengeMetadata", writing: { $0.null() })
        }
    }

    public static func challenge(_ result: InvocationResult) throws(AWSServiceError) -> Challenge {
        let response = try TriggerEvent.output(result, of: .createAuthChallenge)
        return Challenge(publicParameters: try strings(response, "publicChallengeParameters"),
                         privateParameters: try strings(response, "privateChallengeParameters"),
                         metadata: try response.optionalString("challengeMetadata"))
    }

    public static func verifyEvent(_ subject: Subject, privateParameters: [String: String], answer: String) -> [UInt8] {
        subject.event(.verifyAuthChallengeResponse) { request in
            request.member("privateChallengeParameters", privateParameters)
            request.member("challengeAnswer", answer)
        } response: { response in
            response.member("answerCorrect", writing: { $0.null() })
        }
    }

    public static func answerCorrect(_ result: InvocationResult) throws(AWSServiceError) -> Bool {
        try TriggerEvent.output(result, of: .verifyAuthChallengeResponse).optionalBool("answerCorrect") ?? false
    }

    /// A member that must be a map of strings when present.
    private static func strings(_ node: JSONNode, _ key: String) throws(AWSServiceError) -> [String: String] {
        var map: [String: String] = [:]
        for (name, value) in try node.optionalObject(key)?.pairs ?? [] {
            guard let value = value.string else { throw TriggerEvent.unrecognizable }
            map[name] = value
        }
        return map
    }
}
