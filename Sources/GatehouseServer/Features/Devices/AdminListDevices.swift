import CognitoModel
import GatehouseCore

extension DevicesFeature {
    /// Every device of the user in key order, remembered or not, Limit at a time (60 when omitted or 0).
    func adminListDevices(_ input: AdminListDevicesRequest, context: CallContext) async throws -> AdminListDevicesResponse {
        let pool = try await directory.pool(try input.userPoolId.required, context: context)
        let user = try await users.record(named: try input.username.required, in: pool)
        let page = try await list(of: user, try StoredUser(record: user), in: pool, rememberedOnly: false, limit: input.limit,
                                  paginationToken: input.paginationToken, operation: "AdminListDevices")
        return AdminListDevicesResponse(devices: page.devices, paginationToken: page.paginationToken)
    }
}
