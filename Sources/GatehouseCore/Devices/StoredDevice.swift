import AWSWire
import CognitoModel
import Foundation
import GatehouseStorage

/// What Gatehouse keeps of a user's device in its record's document (the record's columns hold
/// the pool, the user's key, the device key and the dates). A device is in one of these states
/// (docs/compatibility.md § Devices):
/// - tracked: a sign-in gave its key (NewDeviceMetadata); no ``secret`` yet;
/// - confirmed: ConfirmDevice stored its ``secret``; then ``remembered`` or not (not_remembered);
/// - forgotten: ForgetDevice deleted its record.
public struct StoredDevice: JSONCodable, Sendable, Equatable {
    /// The DeviceGroupKey its sign-in gave with its key; its SRP proof signs it.
    public var groupKey: String
    /// The salt and verifier ConfirmDevice stored (DeviceSecretVerifierConfig); `nil` while only tracked.
    public var secret: PasswordVerifier?
    /// ConfirmDevice's DeviceName.
    public var name: String?
    /// Whether device authentication may stand in for MFA: `remembered`, not `not_remembered`.
    public var remembered = false
    /// The address of the device's last sign-in or confirmation.
    public var lastIPUsed: String?
    /// When the device last signed in: the sign-in that tracked it, then each device sign-in.
    public var lastAuthenticatedDate: Date
    /// A sign-in of this device waiting for DEVICE_SRP_AUTH, sealed as its Session: clients that
    /// answer without the Session (pycognito, AWS's Java samples) continue this one.
    public var pendingSignIn: String?

    public init(groupKey: String, lastIPUsed: String?, lastAuthenticatedDate: Date) {
        self.groupKey = groupKey
        self.lastIPUsed = lastIPUsed
        self.lastAuthenticatedDate = lastAuthenticatedDate
    }

    /// Decodes a record's document.
    /// - Throws: `InternalErrorException` when the document is not one this server wrote.
    public init(record: DeviceRecord) throws(AWSServiceError) {
        do {
            self = try AWSJSON.decode(StoredDevice.self, from: record.document)
        } catch {
            throw .internalError
        }
    }

    /// Whether ConfirmDevice has stored the device's secret.
    public var isConfirmed: Bool { secret != nil }

    /// `remembered` or `not_remembered`, as dev:device_remembered_status shows it.
    public var rememberedStatus: DeviceRememberedStatusType { remembered ? .remembered : .notRemembered }

    public init(json: JSONNode) throws(JSONDecodeFailure) {
        guard case .object(let members) = json else { throw JSONDecodeFailure(expected: "structure") }
        var groupKey: String?, lastAuthenticated: Date?
        self.init(groupKey: "", lastIPUsed: nil, lastAuthenticatedDate: Date(timeIntervalSince1970: 0))
        for (key, value) in members {
            switch key {
            case "GroupKey": groupKey = try String(json: value)
            case "Secret": secret = try PasswordVerifier(json: value)
            case "Name": name = try String(json: value)
            case "Remembered": remembered = try Bool(json: value)
            case "LastIPUsed": lastIPUsed = try String(json: value)
            case "LastAuthenticatedDate": lastAuthenticated = try Date(json: value)
            case "PendingSignIn": pendingSignIn = try String(json: value)
            default: break
            }
        }
        guard let groupKey, let lastAuthenticated else { throw JSONDecodeFailure(expected: "structure").inside("GroupKey") }
        self.groupKey = groupKey
        self.lastAuthenticatedDate = lastAuthenticated
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("GroupKey", groupKey)
        if let secret { writer.member("Secret", secret) }
        if let name { writer.member("Name", name) }
        if remembered { writer.member("Remembered", remembered) }
        if let lastIPUsed { writer.member("LastIPUsed", lastIPUsed) }
        writer.member("LastAuthenticatedDate", lastAuthenticatedDate)
        if let pendingSignIn { writer.member("PendingSignIn", pendingSignIn) }
        writer.endObject()
    }

    /// The document to store.
    public func document() -> Data { Data(AWSJSON.encode(self)) }
}
