import AWSWire
import CognitoModel
import Foundation

/// A user's MFA: the factors it has turned on (SetUserMFAPreference, AdminSetUserMFAPreference, a
/// verified software token), the preferred one, and its software token. The token's secret is kept
/// sealed (``SealingKey``), never in the clear.
public struct UserMfaSettings: JSONCodable, Sendable, Equatable {
    /// SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP, in that order, those turned on.
    public private(set) var enabled: [ChallengeNameType] = []
    public var preferred: ChallengeNameType?
    /// The verified software token's sealed secret.
    public var softwareToken: Data?
    /// A secret AssociateSoftwareToken gave that VerifySoftwareToken has not yet confirmed, sealed.
    public var associatedSoftwareToken: Data?
    /// The last time step whose TOTP code was accepted: a code is good once.
    public var lastSoftwareTokenStep: Int64?

    public static let factors: [ChallengeNameType] = [.smsMfa, .softwareTokenMfa, .emailOtp]

    public init() {}

    /// Turns `factor` on or off; turning off the preferred factor clears the preference.
    public mutating func set(_ factor: ChallengeNameType, enabled on: Bool) {
        var factors = Set(enabled)
        if on { factors.insert(factor) } else { factors.remove(factor) }
        enabled = Self.factors.filter(factors.contains)
        if !on, preferred == factor { preferred = nil }
    }

    public init(json: JSONNode) throws(JSONDecodeFailure) {
        guard case .object(let members) = json else { throw JSONDecodeFailure(expected: "structure") }
        for (key, value) in members {
            switch key {
            case "Enabled": enabled = try [String](json: value).map(ChallengeNameType.init(rawValue:))
            case "Preferred": preferred = ChallengeNameType(rawValue: try String(json: value))
            case "SoftwareToken": softwareToken = try Data(json: value)
            case "AssociatedSoftwareToken": associatedSoftwareToken = try Data(json: value)
            case "LastSoftwareTokenStep": lastSoftwareTokenStep = try Int64(json: value)
            default: break
            }
        }
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("Enabled", enabled.map(\.rawValue))
        if let preferred { writer.member("Preferred", preferred.rawValue) }
        if let softwareToken { writer.member("SoftwareToken", softwareToken) }
        if let associatedSoftwareToken { writer.member("AssociatedSoftwareToken", associatedSoftwareToken) }
        if let lastSoftwareTokenStep { writer.member("LastSoftwareTokenStep", lastSoftwareTokenStep) }
        writer.endObject()
    }
}
