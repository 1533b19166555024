import AWSWire
import CognitoModel
import GatehouseCore

extension UsersFeature {
    /// The pool's users in key order, those matching Filter only when one is given, Limit at a time
    /// (60 when Limit is omitted or 0), with only the attributes AttributesToGet names when it is given.
    /// An attribute AttributesToGet names that ListUsers cannot filter on must be set for every user
    /// of the page, as Cognito documents; otherwise InvalidParameterException "Input fails to satisfy
    /// the constraints." (docs/compatibility.md).
    func listUsers(_ input: ListUsersRequest, context: CallContext) async throws -> ListUsersResponse {
        let poolID = try input.userPoolId.required
        let pool = try await directory.pool(poolID, context: context)
        let filter = try UserFilterGrammar.parse(input.filter ?? "").map { parsed throws(AWSServiceError) in
            try pool.identity.normalized(parsed)
        }
        let limit = input.limit.flatMap { $0 > 0 ? $0 : nil } ?? 60
        let page = try await pages.page(of: "ListUsers/\(poolID)/\(input.filter ?? "")", nextToken: input.paginationToken) { after in
            try await users.list(in: pool, filter: filter, after: after, limit: limit)
        }
        let wanted = input.attributesToGet.map(Set.init)
        let required = wanted.map { $0.filter { UserIdentityRules.searchableAttributes[$0] == nil } } ?? []
        let described = try page.items.map { record in
            var user = try StoredUser(record: record)
            if required.contains(where: { user.attribute($0) == nil }) {
                throw AWSServiceError.invalidParameterException("Input fails to satisfy the constraints.")
            }
            if let wanted { user.attributes.removeAll { !wanted.contains($0.name ?? "") } }
            return UserDirectory.describe(user, record)
        }
        return ListUsersResponse(users: described, paginationToken: page.nextToken)
    }
}
