import CognitoModel
import GatehouseCore

extension DevicesFeature {
    /// The signed-in user's remembered devices in key order, Limit at a time (60 when omitted or 0).
    func listDevices(_ input: ListDevicesRequest, context: CallContext) async throws -> ListDevicesResponse {
        let caller = try await accessTokens.caller(try input.accessToken.required)
        let page = try await list(of: caller.record, caller.user, in: caller.pool, rememberedOnly: true, limit: input.limit,
                                  paginationToken: input.paginationToken, operation: "ListDevices")
        return ListDevicesResponse(devices: page.devices, paginationToken: page.paginationToken)
    }
}
