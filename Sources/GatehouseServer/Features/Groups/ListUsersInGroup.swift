import CognitoModel
import GatehouseCore

extension GroupsFeature {
    /// The group's members in key order, Limit at a time (60 when Limit is omitted or 0, as ListUsers).
    func listUsersInGroup(_ input: ListUsersInGroupRequest, context: CallContext) async throws -> ListUsersInGroupResponse {
        let poolID = try input.userPoolId.required
        let groupName = try input.groupName.required
        _ = try await items.record(.group, groupName, of: poolID, context: context, missing: Self.groupNotFound)
        let limit = input.limit.flatMap { $0 > 0 ? $0 : nil } ?? 60
        let page = try await pages.page(of: "ListUsersInGroup/\(poolID)/\(groupName)", nextToken: input.nextToken) { after in
            try await storage.users(inGroup: groupName, userPoolID: poolID, after: after, limit: limit)
        }
        return ListUsersInGroupResponse(users: try page.items.map { UserDirectory.describe(try StoredUser(record: $0), $0) }, nextToken: page.nextToken)
    }
}
