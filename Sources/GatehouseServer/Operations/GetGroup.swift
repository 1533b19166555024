import CognitoModel
import GatehouseCore

extension Gatehouse {
    func getGroup(_ input: GetGroupRequest, context: CallContext) async throws -> GetGroupResponse {
        let record = try await groupRecord(try input.groupName.required, of: try input.userPoolId.required, context: context)
        return GetGroupResponse(group: try StoredGroup(record: record).describe(record))
    }
}
