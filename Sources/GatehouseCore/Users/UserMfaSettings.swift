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

    /// What a user's software token secret is sealed for.
    public static func softwareTokenContext(_ sub: String) -> String { "software-token/\(sub)" }

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

extension StoredUser {
    /// The user's UserMFASettingList (legacy SMS MFAOptions count as SMS_MFA) and
    /// PreferredMfaSetting, each `nil` when empty: Cognito leaves the keys out then.
    public var mfaSettingList: (list: [String]?, preferred: String?) {
        var factors = Set(mfa.enabled)
        if !mfaOptions.isEmpty { factors.insert(.smsMfa) }
        let list = UserMfaSettings.factors.filter(factors.contains).map(\.rawValue)
        return (list.isEmpty ? nil : list, mfa.preferred?.rawValue)
    }
}

extension UserMfaSettings {
    /// What SetUserMFAPreference and AdminSetUserMFAPreference say of one factor: `nil` leaves it as it is.
    public struct Preference: Sendable, Equatable {
        public let factor: ChallengeNameType
        public let enabled: Bool?
        public let preferred: Bool?

        public init(factor: ChallengeNameType, enabled: Bool?, preferred: Bool?) {
            self.factor = factor
            self.enabled = enabled
            self.preferred = preferred
        }
    }
}

extension StoredUser {
    /// Applies MFA preferences, in order: a factor turned on (or made preferred) must be one the
    /// user can receive (a phone number for SMS_MFA, an email address for EMAIL_OTP, a verified
    /// software token); preferring a factor turns it on; turning the preferred factor off clears
    /// the preference.
    /// - Throws: `InvalidParameterException` "User does not have delivery config set to turn on
    ///   <FACTOR>" (docs/compatibility.md), or "<FACTOR> cannot be preferred and disabled.".
    public mutating func setMfaPreferences(_ preferences: [UserMfaSettings.Preference]) throws(AWSServiceError) {
        for preference in preferences {
            let factor = preference.factor
            if preference.preferred == true, preference.enabled == false {
                throw .invalidParameterException("\(factor.rawValue) cannot be preferred and disabled.")
            }
            if preference.enabled == true || preference.preferred == true, !canReceive(factor) {
                throw .invalidParameterException("User does not have delivery config set to turn on \(factor.rawValue)")
            }
            if let enabled = preference.enabled { mfa.set(factor, enabled: enabled) }
            if preference.preferred == true {
                mfa.set(factor, enabled: true)
                mfa.preferred = factor
            } else if preference.preferred == false, mfa.preferred == factor {
                mfa.preferred = nil
            }
        }
    }

    /// Whether the user has where to receive `factor`'s codes.
    public func canReceive(_ factor: ChallengeNameType) -> Bool {
        switch factor {
        case .smsMfa: attribute("phone_number") != nil
        case .emailOtp: attribute("email") != nil
        default: mfa.softwareToken != nil
        }
    }
}
