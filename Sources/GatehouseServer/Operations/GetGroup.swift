import CognitoModel
import GatehouseCore

extension Gatehouse {
    func getGroup(_ input: GetGroupRequest, context: CallContext) async throws -> GetGroupResponse {
        let record = try await userPoolItem(.group, try input.groupName.required, of: try input.userPoolId.required, context: context,
                                            missing: Self.groupNotFound)
        return GetGroupResponse(group: try StoredGroup(record: record).describe(record))
    }
}
