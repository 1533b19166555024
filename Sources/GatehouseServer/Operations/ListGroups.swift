import CognitoModel
import GatehouseCore

extension Gatehouse {
    /// The pool's groups in name order, Limit at a time (25 when Limit is omitted or 0: docs/compatibility.md).
    func listGroups(_ input: ListGroupsRequest, context: CallContext) async throws -> ListGroupsResponse {
        let poolID = try input.userPoolId.required
        _ = try await userPoolRecord(poolID, context: context)
        let tokens = try await pageTokens.value()
        let scope = "ListGroups/\(poolID)"
        let after = try input.nextToken.map { token in try tokens.open(token, scope: scope) }
        let limit = input.limit.flatMap { $0 > 0 ? $0 : nil } ?? 25
        let page = try await storage.userPoolItems(userPoolID: poolID, kind: .group, after: after, limit: limit)
        return ListGroupsResponse(groups: try page.items.map { try StoredGroup(record: $0).describe($0) },
                                  nextToken: page.nextCursor.map { tokens.seal($0, scope: scope) })
    }
}
