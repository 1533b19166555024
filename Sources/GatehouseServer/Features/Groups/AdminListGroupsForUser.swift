import CognitoModel
import GatehouseCore

extension GroupsFeature {
    /// The user's groups in name order, Limit at a time (25 when Limit is omitted or 0, as ListGroups).
    func adminListGroupsForUser(_ input: AdminListGroupsForUserRequest, context: CallContext) async throws -> AdminListGroupsForUserResponse {
        let poolID = try input.userPoolId.required
        let user = try await users.record(named: try input.username.required, in: try await directory.pool(poolID, context: context))
        let limit = input.limit.flatMap { $0 > 0 ? $0 : nil } ?? 25
        let page = try await pages.page(of: "AdminListGroupsForUser/\(poolID)/\(user.key)", nextToken: input.nextToken) { after in
            try await storage.groups(ofUserKey: user.key, userPoolID: poolID, after: after, limit: limit)
        }
        return AdminListGroupsForUserResponse(groups: try page.items.map { try StoredGroup(record: $0).describe($0) },
                                              nextToken: page.nextToken)
    }
}
