import CognitoModel
import Foundation
import GatehouseCore
import XCTest

/// A pool's DeviceConfiguration and a device's states: keys, confirmation, what DeviceType shows.
final class DeviceTrackingTests: XCTestCase {
    func testAnyPropertyTurnsTrackingOn() {
        XCTAssertNil(DeviceTracking(nil))
        XCTAssertNil(DeviceTracking(DeviceConfigurationType()))
        let optIn = DeviceTracking(DeviceConfigurationType(deviceOnlyRememberedOnUserPrompt: true))
        XCTAssertEqual(optIn?.remembersOnUserPrompt, true)
        XCTAssertEqual(optIn?.deviceProofReplacesMfa, false)
        XCTAssertEqual(DeviceTracking(DeviceConfigurationType(challengeRequiredOnNewDevice: false))?.remembersOnUserPrompt, false)
    }

    func testKeysHaveCognitosForms() {
        let key = DeviceTracking.newDeviceKey(region: "eu-west-1", random: .system)
        XCTAssertNotNil(key.wholeMatch(of: /eu-west-1_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/), key)
        let group = DeviceTracking.newGroupKey(random: .system)
        XCTAssertNotNil(group.wholeMatch(of: /-[A-Za-z0-9]{8}/), group)
    }

    func testConfirmationRemembersAtOnceUnlessTheUserIsAsked() throws {
        let secret = PasswordVerifier(salt: [1], verifier: [2])
        for (onPrompt, remembered) in [(false, true), (true, false)] {
            let tracking = try XCTUnwrap(DeviceTracking(DeviceConfigurationType(deviceOnlyRememberedOnUserPrompt: onPrompt)))
            var device = StoredDevice(groupKey: "-abcdefgh", lastIPUsed: nil, lastAuthenticatedDate: Date(timeIntervalSince1970: 0))
            XCTAssertFalse(device.isConfirmed)
            XCTAssertEqual(tracking.confirm(&device, secret: secret, name: "laptop", ipAddress: "192.0.2.1"), onPrompt)
            XCTAssertEqual(device.remembered, remembered)
            XCTAssertEqual(device.secret, secret)
            XCTAssertEqual(device.name, "laptop")
            XCTAssertEqual(device.lastIPUsed, "192.0.2.1")
        }
    }

    func testAttributesFollowAWSsExample() {
        var device = StoredDevice(groupKey: "-abcdefgh", lastIPUsed: "192.0.2.1", lastAuthenticatedDate: Date(timeIntervalSince1970: 0))
        device.name = "Dart-device"
        device.remembered = true
        let attributes = DeviceTracking.attributes(of: device, key: "us-west-2_k", owner: "testuser", poolID: "us-west-2_EXAMPLE",
                                                   poolARN: "arn:aws:cognito-idp:us-west-2:123456789012:userpool/us-west-2_EXAMPLE")
        XCTAssertEqual(attributes.map { "\($0.name ?? "")=\($0.value ?? "")" }, [
            "device_status=valid", "device_name=Dart-device",
            "dev:device_arn=arn:aws:cognito-idp:us-west-2:123456789012:owner/testuser.us-west-2_EXAMPLE/device/us-west-2_k",
            "dev:device_owner=testuser.us-west-2_EXAMPLE", "last_ip_used=192.0.2.1", "dev:device_remembered_status=remembered",
            "dev:device_sdk=aws-sdk-unknown-unknown",
        ])
    }
}
