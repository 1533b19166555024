import CognitoModel
import GatehouseCore

extension GroupsFeature {
    func getGroup(_ input: GetGroupRequest, context: CallContext) async throws -> GetGroupResponse {
        let record = try await items.record(.group, try input.groupName.required, of: try input.userPoolId.required, context: context,
                                              missing: Self.groupNotFound)
        return GetGroupResponse(group: try StoredGroup(record: record).describe(record))
    }
}
