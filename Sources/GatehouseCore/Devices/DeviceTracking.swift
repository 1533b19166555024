import CognitoModel
import Foundation

/// How a pool tracks and remembers its users' devices (its DeviceConfiguration), and the rules of
/// a device's states (``StoredDevice``); docs/compatibility.md § Devices.
public struct DeviceTracking: Sendable, Equatable {
    /// ChallengeRequiredOnNewDevice: a remembered device's proof (DEVICE_SRP_AUTH) stands in for
    /// the SMS, TOTP or email factor.
    public let deviceProofReplacesMfa: Bool
    /// DeviceOnlyRememberedOnUserPrompt: a confirmed device is remembered only once
    /// UpdateDeviceStatus says so ("User opt-in"); otherwise at once ("Always remember").
    public let remembersOnUserPrompt: Bool

    /// The pool's device tracking; `nil` (off) without a DeviceConfiguration or with one that sets
    /// neither property: "When you provide a value for any property of DeviceConfiguration, you
    /// activate the device remembering" (API reference, DeviceConfigurationType).
    public init?(_ configuration: DeviceConfigurationType?) {
        guard let configuration,
              configuration.challengeRequiredOnNewDevice != nil || configuration.deviceOnlyRememberedOnUserPrompt != nil else { return nil }
        deviceProofReplacesMfa = configuration.challengeRequiredOnNewDevice ?? false
        remembersOnUserPrompt = configuration.deviceOnlyRememberedOnUserPrompt ?? false
    }

    /// A new device's DeviceKey: `<region>_<uuid>`, as Cognito makes them.
    public static func newDeviceKey(region: String, random: RandomSource) -> String {
        "\(region)_\(random.uuid())"
    }

    /// A new DeviceGroupKey: "-" and 8 letters and digits, the form of Cognito's (`-nNwnPidS`).
    public static func newGroupKey(random: RandomSource) -> String {
        "-" + random.string(8, from: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    }

    /// ConfirmDevice: stores the device's secret and name, remembered at once unless the pool asks
    /// its user first.
    /// - Returns: UserConfirmationNecessary: whether the app must ask the user and answer with
    ///   UpdateDeviceStatus.
    public func confirm(_ device: inout StoredDevice, secret: PasswordVerifier, name: String?, ipAddress: String?) -> Bool {
        device.secret = secret
        if let name { device.name = name }
        if let ipAddress { device.lastIPUsed = ipAddress }
        device.remembered = !remembersOnUserPrompt
        return remembersOnUserPrompt
    }

    /// The SDK dev:device_sdk names: Gatehouse does not tell SDKs apart, and shows what AWS's
    /// AdminListDevices example shows.
    static let sdk = "aws-sdk-unknown-unknown"

    /// DeviceType's DeviceAttributes, in the order of AWS's AdminListDevices example.
    /// - Parameters:
    ///   - owner: the username of the device's user.
    ///   - poolARN: the pool's ARN, whose region and account the device's ARN shares.
    public static func attributes(of device: StoredDevice, key: String, owner: String, poolID: String, poolARN: String) -> [AttributeType] {
        let ownerName = "\(owner).\(poolID)"
        let accountPrefix = poolARN.components(separatedBy: ":userpool/").first ?? poolARN
        var attributes = [AttributeType(name: "device_status", value: "valid")]
        if let name = device.name { attributes.append(AttributeType(name: "device_name", value: name)) }
        attributes.append(AttributeType(name: "dev:device_arn", value: "\(accountPrefix):owner/\(ownerName)/device/\(key)"))
        attributes.append(AttributeType(name: "dev:device_owner", value: ownerName))
        if let ip = device.lastIPUsed { attributes.append(AttributeType(name: "last_ip_used", value: ip)) }
        attributes.append(AttributeType(name: "dev:device_remembered_status", value: device.rememberedStatus.rawValue))
        attributes.append(AttributeType(name: "dev:device_sdk", value: sdk))
        return attributes
    }
}
