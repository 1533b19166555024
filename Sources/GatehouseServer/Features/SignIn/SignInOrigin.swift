import CognitoModel
import GatehouseCore

/// Where a request comes from, as threat protection and devices see it: the IP address the call's
/// context data names, else the client's address (``CallContext/sourceIPAddress``); and the
/// context data's EncodedData, the device fingerprint Cognito's SDKs collect. An admin call's
/// ContextData is taken (the call is signed); an app's UserContextData IpAddress only when its
/// app client has a secret and EnablePropagateAdditionalUserContextData, as Cognito ties the one to
/// the other: otherwise anyone could name the address a risk decision trusts. An IpAddress that is
/// not an IP address is ignored.
struct SignInOrigin: Sendable {
    let ipAddress: String?
    let encodedData: String?

    init(ipAddress: String?, encodedData: String?, context: CallContext) {
        self.ipAddress = ipAddress.flatMap { IPAddressRange.isAddress($0) ? $0 : nil } ?? context.sourceIPAddress
        self.encodedData = encodedData
    }

    init(_ data: UserContextDataType?, client: AppClient, context: CallContext) {
        let trusted = client.settings.enablePropagateAdditionalUserContextData == true && !client.secrets.isEmpty
        self.init(ipAddress: trusted ? data?.ipAddress : nil,
                  encodedData: data?.encodedData, context: context)
    }

    init(_ data: ContextDataType?, context: CallContext) {
        self.init(ipAddress: data?.ipAddress, encodedData: data?.encodedData, context: context)
    }
}
