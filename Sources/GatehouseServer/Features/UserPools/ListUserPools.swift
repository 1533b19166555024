import AWSWire
import CognitoModel
import Foundation
import GatehouseCore

extension UserPoolsFeature {
    /// The request region's pools in id order, MaxResults at a time.
    func listUserPools(_ input: ListUserPoolsRequest, context: CallContext) async throws -> ListUserPoolsResponse {
        let limit = try input.maxResults.required
        let page = try await pages.page(of: "ListUserPools/\(context.region)", nextToken: input.nextToken) { after in
            try await storage.userPools(region: context.region, after: after, limit: limit)
        }
        // Most pools have no triggers, so an empty summary; pools with the same triggers have the
        // same summary, and each distinct one is decoded once per page.
        var lambdaConfigs: [Data: LambdaConfigType?] = [:]
        let pools = try page.items.map { (listed) throws(AWSServiceError) in
            let lambdaConfig: LambdaConfigType?
            if listed.summary.isEmpty {
                lambdaConfig = LambdaConfigType()
            } else if let decoded = lambdaConfigs[listed.summary] {
                lambdaConfig = decoded
            } else {
                lambdaConfig = try StoredUserPool.lambdaConfig(summary: listed.summary)
                lambdaConfigs[listed.summary] = lambdaConfig
            }
            return UserPoolDescriptionType(id: listed.id, name: listed.name, lambdaConfig: lambdaConfig,
                                           lastModifiedDate: listed.lastModifiedDate, creationDate: listed.creationDate)
        }
        return ListUserPoolsResponse(userPools: pools, nextToken: page.nextToken)
    }
}
