import CognitoModel
import GatehouseCore

extension GroupsFeature {
    /// The pool's groups in name order, Limit at a time (25 when Limit is omitted or 0: docs/compatibility.md).
    func listGroups(_ input: ListGroupsRequest, context: CallContext) async throws -> ListGroupsResponse {
        let page = try await items.page(.group, of: try input.userPoolId.required, list: "ListGroups", nextToken: input.nextToken,
                                        limit: input.limit.flatMap { $0 > 0 ? $0 : nil } ?? 25, context: context)
        return ListGroupsResponse(groups: try page.items.map { try StoredGroup(record: $0).describe($0) }, nextToken: page.nextToken)
    }
}
