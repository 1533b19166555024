import AWSWire
import CognitoModel
import Foundation

/// Where a sign-in stands between two calls: the challenge it waits for, whose it is and until when.
/// Clients get it sealed (``sealed(with:random:)``) as the `Session` of a challenge, or as the
/// SECRET_BLOCK of PASSWORD_VERIFIER, so any process on the same database continues it and nobody
/// can read or change it. Its ``id`` makes it single-use.
public struct SignInSession: Sendable, Equatable {
    /// The challenge this session answers.
    public var challenge: ChallengeNameType
    /// Random; a session whose id was used is refused.
    public var id: String
    public var userPoolID: String
    public var clientID: String
    /// The user's sub, or `nil` in the PASSWORD_VERIFIER of a user that does not exist (a client that
    /// hides users gets a challenge all the same).
    public var sub: String?
    /// The USERNAME and USER_ID_FOR_SRP of the challenge.
    public var username: String
    public var expiry: Date
    /// The SRP session key, for PASSWORD_VERIFIER.
    public var srpKey: [UInt8]?
    /// When the password was proven, for the challenges after it.
    public var authTime: Date?
    /// What the sign-in has done before this challenge.
    public var progress = SignInMachine.Progress()
    /// A CUSTOM_AUTH sign-in's steps so far, and its current CUSTOM_CHALLENGE: the parameters
    /// only VerifyAuthChallengeResponse sees, and CreateAuthChallenge's metadata.
    public var custom = CustomAuthState()

    public struct CustomAuthState: Sendable, Equatable {
        public var steps: [CustomAuthTriggers.ChallengeResult] = []
        public var privateParameters: [String: String] = [:]
        public var metadata: String?

        public init(steps: [CustomAuthTriggers.ChallengeResult] = [], privateParameters: [String: String] = [:], metadata: String? = nil) {
            self.steps = steps
            self.privateParameters = privateParameters
            self.metadata = metadata
        }
    }

    public init(challenge: ChallengeNameType, id: String, userPoolID: String, clientID: String, sub: String?, username: String,
                expiry: Date, srpKey: [UInt8]? = nil, authTime: Date? = nil, progress: SignInMachine.Progress = .init(),
                custom: CustomAuthState = .init()) {
        self.challenge = challenge
        self.id = id
        self.userPoolID = userPoolID
        self.clientID = clientID
        self.sub = sub
        self.username = username
        self.expiry = expiry
        self.srpKey = srpKey
        self.authTime = authTime
        self.progress = progress
        self.custom = custom
    }

    static let context = "sign-in-session"

    /// The session's text: base64 of its sealed form.
    public func sealed(with key: SealingKey, random: RandomSource) -> String {
        var writer = JSONWriter(capacity: 300)
        writer.beginObject()
        writer.member("c", challenge.rawValue)
        writer.member("i", id)
        writer.member("p", userPoolID)
        writer.member("a", clientID)
        if let sub { writer.member("s", sub) }
        writer.member("u", username)
        writer.member("e", expiry.timeIntervalSince1970)
        if let srpKey { writer.member("k", Data(srpKey).base64EncodedString()) }
        if let authTime { writer.member("t", authTime.timeIntervalSince1970) }
        if progress.newPasswordSet { writer.member("n", true) }
        if progress.mfaPassed { writer.member("m", true) }
        if let chosen = progress.chosenFactor { writer.member("f", chosen.rawValue) }
        switch progress.device {
        case .none: break
        case .new: writer.member("dn", true)
        case .presented(let key, let remembered):
            writer.member("d", key)
            if remembered { writer.member("dr", true) }
        }
        if progress.deviceVerified { writer.member("dv", true) }
        if progress.managedLogin { writer.member("h", true) }
        if progress.riskRequiresMfa { writer.member("rm", true) }
        if let eventID = progress.authEventID { writer.member("ae", eventID) }
        if !custom.steps.isEmpty {
            writer.member("x", custom.steps.map { step in
                JSONNode.array([.string(step.challengeName), .bool(step.challengeResult), step.challengeMetadata.map(JSONNode.string) ?? .null])
            })
        }
        if !custom.privateParameters.isEmpty { writer.member("q", custom.privateParameters) }
        if let metadata = custom.metadata { writer.member("y", metadata) }
        writer.endObject()
        return key.seal(writer.bytes, context: Self.context, random: random).base64EncodedString()
    }

    /// The session `text` holds at `now`, whichever client it is for (a call that names no client,
    /// such as AssociateSoftwareToken, learns it from here).
    /// - Throws: `NotAuthorizedException` "Invalid session for the user." when this server did not
    ///   seal it, "Invalid session for the user, session is expired." after its expiry.
    public init(openingAnyClient text: String, with key: SealingKey, now: Date) throws(AWSServiceError) {
        try self.init(opening: text, clientID: nil, with: key, now: now)
    }

    /// The session `text` holds, for the client `clientID`, at `now`.
    /// - Throws: as ``init(openingAnyClient:with:now:)``, and "Invalid session for the user." for a
    ///   session of another client.
    public init(opening text: String, clientID: String, with key: SealingKey, now: Date) throws(AWSServiceError) {
        try self.init(opening: text, clientID: .some(clientID), with: key, now: now)
    }

    private init(opening text: String, clientID: String?, with key: SealingKey, now: Date) throws(AWSServiceError) {
        let invalid = AWSServiceError.notAuthorizedException("Invalid session for the user.")
        guard let sealed = Data(base64Encoded: text), let plain = key.open(sealed, context: Self.context),
              let fields = try? JSONNode(parsing: [UInt8](plain)),
              let challenge = fields["c"]?.string.map(ChallengeNameType.init(rawValue:)),
              let id = fields["i"]?.string, let userPoolID = fields["p"]?.string, let owner = fields["a"]?.string,
              let username = fields["u"]?.string, let expiry = fields["e"].flatMap(Self.seconds) else { throw invalid }
        guard clientID == nil || owner == clientID else { throw invalid }
        guard expiry > now else { throw .notAuthorizedException("Invalid session for the user, session is expired.") }
        self.init(challenge: challenge, id: id, userPoolID: userPoolID, clientID: owner, sub: fields["s"]?.string,
                  username: username, expiry: expiry,
                  srpKey: fields["k"]?.string.flatMap { Data(base64Encoded: $0) }.map(Array.init),
                  authTime: fields["t"].flatMap(Self.seconds),
                  progress: SignInMachine.Progress(newPasswordSet: fields["n"]?.bool == true, mfaPassed: fields["m"]?.bool == true,
                                                   chosenFactor: fields["f"]?.string.map(ChallengeNameType.init(rawValue:)),
                                                   device: Self.device(fields), deviceVerified: fields["dv"]?.bool == true,
                                                   managedLogin: fields["h"]?.bool == true, riskRequiresMfa: fields["rm"]?.bool == true,
                                                   authEventID: fields["ae"]?.string),
                  custom: CustomAuthState(
                    steps: (fields["x"]?.array ?? []).compactMap { step in
                        guard let parts = step.array, parts.count == 3, let name = parts[0].string, let result = parts[1].bool else { return nil }
                        return CustomAuthTriggers.ChallengeResult(challengeName: name, challengeResult: result, challengeMetadata: parts[2].string)
                    },
                    privateParameters: (fields["q"]?.pairs ?? []).reduce(into: [:]) { map, pair in map[pair.key] = pair.value.string },
                    metadata: fields["y"]?.string))
    }

    private static func device(_ fields: JSONNode) -> SignInMachine.Device {
        if let key = fields["d"]?.string { return .presented(key: key, remembered: fields["dr"]?.bool == true) }
        return fields["dn"]?.bool == true ? .new : .none
    }

    private static func seconds(_ node: JSONNode) -> Date? {
        guard case .number(let text) = node, let seconds = Double(text) else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }
}
