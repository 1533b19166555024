import AWSWire
import CognitoModel
import Foundation
import GatehouseStorage

/// What Gatehouse keeps of a user in its record's document (the record's columns hold the key,
/// sub and dates): the username as Cognito shows it, the attributes, the status and what checks
/// the password.
public struct StoredUser: JSONCodable, Sendable, Equatable {
    /// The username as shown: as created, or lowercase in a pool whose usernames are not case-sensitive;
    /// the sub in a pool that signs in with email or phone number (UsernameAttributes).
    public var username: String
    /// The attributes, `sub` first, then in the order they were first set.
    public var attributes: [AttributeType]
    public var status: UserStatusType
    public var enabled: Bool
    /// What checks the current password; `nil` for a user without one.
    public var password: PasswordVerifier?
    /// When a temporary password (status FORCE_CHANGE_PASSWORD) stops signing in.
    public var temporaryPasswordExpiry: Date?
    /// The passwords before the current one, newest first, as many as the pool's PasswordHistorySize asks.
    public var previousPasswords: [PasswordVerifier]
    /// The codes sent and not yet used, one per purpose.
    public var codes: [PendingCode] = []
    /// New values of attributes the pool's UserAttributeUpdateSettings holds back until the code sent
    /// to them is confirmed (VerifyUserAttribute); the attributes keep their old values until then.
    public var pendingAttributes: [AttributeType] = []
    /// The legacy MFA options SetUserSettings and AdminSetUserSettings keep.
    public var mfaOptions: [MFAOptionType] = []
    public var mfa = UserMfaSettings()
    /// The wrong passwords given since the last right one, for the lockout.
    public var signInFailures = SignInFailures()
    /// The wrong answers to custom challenges, counted apart: Cognito's lockout does not apply to
    /// them (docs/compatibility.md § Sign-in).
    public var customChallengeFailures = SignInFailures()
    /// When the user was last signed out everywhere (GlobalSignOut, AdminUserGlobalSignOut), in
    /// milliseconds since 1970: tokens of earlier sign-ins no longer work.
    public var signedOutAt: Int64?
    /// Sign-ins whose refresh token was revoked (RevokeToken), kept until that token would expire.
    public var revokedSignIns: [Revocation] = []
    /// Refresh tokens rotation replaced (GetTokensFromRefreshToken), kept until they would expire.
    public var rotatedRefreshTokens: [Revocation] = []

    public init(username: String, attributes: [AttributeType], status: UserStatusType, enabled: Bool = true,
                password: PasswordVerifier? = nil, temporaryPasswordExpiry: Date? = nil, previousPasswords: [PasswordVerifier] = []) {
        self.username = username
        self.attributes = attributes
        self.status = status
        self.enabled = enabled
        self.password = password
        self.temporaryPasswordExpiry = temporaryPasswordExpiry
        self.previousPasswords = previousPasswords
    }

    /// Decodes a record's document.
    /// - Throws: `InternalErrorException` when the document is not one this server wrote.
    public init(record: UserRecord) throws(AWSServiceError) {
        do {
            self = try AWSJSON.decode(StoredUser.self, from: record.document)
        } catch {
            throw .internalError
        }
    }

    public init(json: JSONNode) throws(JSONDecodeFailure) {
        guard case .object(let members) = json else { throw JSONDecodeFailure(expected: "structure") }
        var username: String?, status: UserStatusType?
        self.init(username: "", attributes: [], status: .unknown)
        for (key, value) in members {
            switch key {
            case "Username": username = try String(json: value)
            case "Attributes": attributes = try [AttributeType](json: value)
            case "UserStatus": status = try UserStatusType(json: value)
            case "Enabled": enabled = try Bool(json: value)
            case "Password": password = try PasswordVerifier(json: value)
            case "TemporaryPasswordExpiry": temporaryPasswordExpiry = try Date(json: value)
            case "PreviousPasswords": previousPasswords = try [PasswordVerifier](json: value)
            case "Codes": codes = try [PendingCode](json: value)
            case "PendingAttributes": pendingAttributes = try [AttributeType](json: value)
            case "MFAOptions": mfaOptions = try [MFAOptionType](json: value)
            case "MFA": mfa = try UserMfaSettings(json: value)
            case "SignInFailures": signInFailures = try SignInFailures(json: value)
            case "CustomChallengeFailures": customChallengeFailures = try SignInFailures(json: value)
            case "SignedOutAt": signedOutAt = try Int64(json: value)
            case "RevokedSignIns": revokedSignIns = try [Revocation](json: value)
            case "RotatedRefreshTokens": rotatedRefreshTokens = try [Revocation](json: value)
            default: break
            }
        }
        guard let username, let status else { throw JSONDecodeFailure(expected: "structure").inside("Username") }
        self.username = username
        self.status = status
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("Username", username)
        writer.member("Attributes", attributes)
        writer.member("UserStatus", status)
        writer.member("Enabled", enabled)
        if let password { writer.member("Password", password) }
        if let temporaryPasswordExpiry { writer.member("TemporaryPasswordExpiry", temporaryPasswordExpiry) }
        if !previousPasswords.isEmpty { writer.member("PreviousPasswords", previousPasswords) }
        if !codes.isEmpty { writer.member("Codes", codes) }
        if !pendingAttributes.isEmpty { writer.member("PendingAttributes", pendingAttributes) }
        if !mfaOptions.isEmpty { writer.member("MFAOptions", mfaOptions) }
        if mfa != UserMfaSettings() { writer.member("MFA", mfa) }
        if signInFailures.count > 0 { writer.member("SignInFailures", signInFailures) }
        if customChallengeFailures.count > 0 { writer.member("CustomChallengeFailures", customChallengeFailures) }
        if let signedOutAt { writer.member("SignedOutAt", signedOutAt) }
        if !revokedSignIns.isEmpty { writer.member("RevokedSignIns", revokedSignIns) }
        if !rotatedRefreshTokens.isEmpty { writer.member("RotatedRefreshTokens", rotatedRefreshTokens) }
        writer.endObject()
    }

    /// The document to store.
    public func document() -> Data { Data(AWSJSON.encode(self)) }

    /// The value of the attribute `name`, or `nil`.
    public func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// Sets the attribute `name` in place, or appends it.
    public mutating func setAttribute(_ name: String, _ value: String) {
        if let index = attributes.firstIndex(where: { $0.name == name }) {
            attributes[index].value = value
        } else {
            attributes.append(AttributeType(name: name, value: value))
        }
    }

    /// Removes the attribute `name` if the user has it.
    public mutating func removeAttribute(_ name: String) {
        attributes.removeAll { $0.name == name }
    }

    /// Whether the attribute `name` (email, phone_number) is verified: its `<name>_verified` is "true".
    public func isVerified(_ name: String) -> Bool {
        UserAttributeRules.isTrue(attribute("\(name)_verified"))
    }
}

extension PasswordVerifier: JSONCodable {
    public init(json: JSONNode) throws(JSONDecodeFailure) {
        guard case .object(let members) = json else { throw JSONDecodeFailure(expected: "structure") }
        var salt: Data?, verifier: Data?
        for (key, value) in members {
            switch key {
            case "Salt": salt = try Data(json: value)
            case "Verifier": verifier = try Data(json: value)
            default: break
            }
        }
        guard let salt, let verifier else { throw JSONDecodeFailure(expected: "structure").inside("Salt") }
        self.init(salt: [UInt8](salt), verifier: [UInt8](verifier))
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("Salt", Data(salt))
        writer.member("Verifier", Data(verifier))
        writer.endObject()
    }
}

extension PendingCode: JSONCodable {
    public init(json: JSONNode) throws(JSONDecodeFailure) {
        guard case .object(let members) = json else { throw JSONDecodeFailure(expected: "structure") }
        var purpose: Purpose?, digest: Data?, expiry: Date?, failedAttempts = 0, attributeName: String?, issued: [Date] = []
        for (key, value) in members {
            switch key {
            case "Purpose": purpose = Purpose(rawValue: try String(json: value))
            case "Digest": digest = try Data(json: value)
            case "Expiry": expiry = try Date(json: value)
            case "FailedAttempts": failedAttempts = try Int(json: value)
            case "AttributeName": attributeName = try String(json: value)
            case "Issued": issued = try [Date](json: value)
            default: break
            }
        }
        guard let purpose, let digest, let expiry else { throw JSONDecodeFailure(expected: "structure").inside("Purpose") }
        self.init(purpose: purpose, digest: digest, expiry: expiry, failedAttempts: failedAttempts, attributeName: attributeName,
                  issued: issued)
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("Purpose", purpose.rawValue)
        writer.member("Digest", digest)
        writer.member("Expiry", expiry)
        writer.member("FailedAttempts", failedAttempts)
        if let attributeName { writer.member("AttributeName", attributeName) }
        if !issued.isEmpty { writer.member("Issued", issued) }
        writer.endObject()
    }
}
