import AWSWire
import CognitoModel
import Foundation
import GatehouseStorage

/// What Gatehouse keeps of an authentication event in its record's document (the record's columns
/// hold the pool, the user's key, the event id and the creation date): what AdminListUserAuthEvents
/// shows, and what later risk decisions and feedback compare with.
public struct StoredAuthEvent: JSONCodable, Sendable, Equatable {
    public var type: EventType
    public var response: EventResponseType
    public var riskDecision: RiskDecisionType = .norisk
    /// `nil`: no risk was found.
    public var riskLevel: RiskLevelType?
    public var compromisedCredentialsDetected = false
    /// The steps the event went through: the password, then MFA.
    public var challengeResponses: [ChallengeResponseType] = []
    public var ipAddress: String?
    /// A digest of the device the event came from (its device key, else UserContextData's
    /// EncodedData), compared with other events' and never shown.
    public var deviceFingerprint: String?
    /// The latest feedback, from an administrator or from the notify email's links.
    public var feedback: EventFeedbackType?
    /// The SHA-256 of the feedback token a notify email carried for this event; the token itself is not kept.
    public var feedbackTokenDigest: [UInt8]?

    public init(type: EventType, response: EventResponseType, ipAddress: String?, deviceFingerprint: String?) {
        self.type = type
        self.response = response
        self.ipAddress = ipAddress
        self.deviceFingerprint = deviceFingerprint
    }

    /// Decodes a record's document.
    /// - Throws: `InternalErrorException` when the document is not one this server wrote.
    public init(record: AuthEventRecord) throws(AWSServiceError) {
        do {
            self = try AWSJSON.decode(StoredAuthEvent.self, from: record.document)
        } catch {
            throw .internalError
        }
    }

    /// Whether later risk decisions may compare with it (``RiskPolicy/History``): a sign-in that
    /// passed, or that someone gave feedback on.
    public var isBaseline: Bool { type == .signin && (response == .pass || feedback != nil) }

    /// Records a step's outcome (the password's, MFA's).
    public mutating func record(_ challenge: ChallengeName, succeeded: Bool) {
        challengeResponses.append(ChallengeResponseType(challengeName: challenge, challengeResponse: succeeded ? .success : .failure))
    }

    /// As AdminListUserAuthEvents shows it.
    public func describe(eventID: String, creationDate: Date) -> AuthEventType {
        AuthEventType(eventId: eventID, eventType: type, creationDate: creationDate, eventResponse: response,
                      eventRisk: EventRiskType(riskDecision: riskDecision, riskLevel: riskLevel,
                                               compromisedCredentialsDetected: compromisedCredentialsDetected),
                      challengeResponses: challengeResponses,
                      eventContextData: ipAddress.map { EventContextDataType(ipAddress: $0) }, eventFeedback: feedback)
    }

    public init(json: JSONNode) throws(JSONDecodeFailure) {
        guard case .object(let members) = json else { throw JSONDecodeFailure(expected: "structure") }
        var type: EventType?, response: EventResponseType?
        self.init(type: .signin, response: .fail, ipAddress: nil, deviceFingerprint: nil)
        for (key, value) in members {
            switch key {
            case "Type": type = EventType(rawValue: try String(json: value))
            case "Response": response = EventResponseType(rawValue: try String(json: value))
            case "RiskDecision": riskDecision = RiskDecisionType(rawValue: try String(json: value))
            case "RiskLevel": riskLevel = RiskLevelType(rawValue: try String(json: value))
            case "Compromised": compromisedCredentialsDetected = try Bool(json: value)
            case "Challenges": challengeResponses = try [ChallengeResponseType](json: value)
            case "IpAddress": ipAddress = try String(json: value)
            case "Device": deviceFingerprint = try String(json: value)
            case "Feedback": feedback = try EventFeedbackType(json: value)
            case "FeedbackToken": feedbackTokenDigest = Data(base64Encoded: try String(json: value)).map(Array.init)
            default: break
            }
        }
        guard let type, let response else { throw JSONDecodeFailure(expected: "structure").inside("Type") }
        self.type = type
        self.response = response
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("Type", type.rawValue)
        writer.member("Response", response.rawValue)
        writer.member("RiskDecision", riskDecision.rawValue)
        if let riskLevel { writer.member("RiskLevel", riskLevel.rawValue) }
        if compromisedCredentialsDetected { writer.member("Compromised", true) }
        if !challengeResponses.isEmpty { writer.member("Challenges", challengeResponses) }
        if let ipAddress { writer.member("IpAddress", ipAddress) }
        if let deviceFingerprint { writer.member("Device", deviceFingerprint) }
        if let feedback { writer.member("Feedback", feedback) }
        if let feedbackTokenDigest { writer.member("FeedbackToken", Data(feedbackTokenDigest).base64EncodedString()) }
        writer.endObject()
    }
}
