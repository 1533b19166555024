import CognitoModel
import GatehouseCore

/// Where a sign-in's request comes from, as threat protection and devices see it: the IP address
/// the call's context data names (UserContextData of the app's calls, ContextData of the admin
/// calls), else the connection's peer; and the context data's EncodedData, the device fingerprint
/// Cognito's SDKs collect. An IpAddress that is not an IP address is ignored.
struct SignInOrigin: Sendable {
    let ipAddress: String?
    let encodedData: String?

    init(ipAddress: String?, encodedData: String?, context: CallContext) {
        self.ipAddress = ipAddress.flatMap { IPAddressRange.isAddress($0) ? $0 : nil } ?? context.sourceIPAddress
        self.encodedData = encodedData
    }

    init(_ data: UserContextDataType?, context: CallContext) {
        self.init(ipAddress: data?.ipAddress, encodedData: data?.encodedData, context: context)
    }

    init(_ data: ContextDataType?, context: CallContext) {
        self.init(ipAddress: data?.ipAddress, encodedData: data?.encodedData, context: context)
    }
}
