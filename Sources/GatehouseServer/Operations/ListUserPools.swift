import CognitoModel
import GatehouseCore

extension Gatehouse {
    /// The request region's pools in id order, MaxResults at a time.
    func listUserPools(_ input: ListUserPoolsRequest, context: CallContext) async throws -> ListUserPoolsResponse {
        let tokens = try await pageTokens.tokens()
        let scope = "ListUserPools/\(context.region)"
        let after = try input.nextToken.map { token in try tokens.open(token, scope: scope) }
        let page = try await storage.userPools(region: context.region, after: after, limit: try input.maxResults.required)
        let pools = try page.items.map { record in
            UserPoolDescriptionType(id: record.id, name: record.name, lambdaConfig: try self.pools.decoded(record).stored.pool.lambdaConfig,
                                    lastModifiedDate: record.lastModifiedDate, creationDate: record.creationDate)
        }
        return ListUserPoolsResponse(userPools: pools, nextToken: page.nextCursor.map { tokens.seal($0, scope: scope) })
    }
}
