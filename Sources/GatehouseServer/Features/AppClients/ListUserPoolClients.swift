import CognitoModel

extension AppClientsFeature {
    /// The pool's clients in client id order, MaxResults at a time (60 when omitted: docs/compatibility.md).
    func listUserPoolClients(_ input: ListUserPoolClientsRequest, context: CallContext) async throws -> ListUserPoolClientsResponse {
        let poolID = try input.userPoolId.required
        let page = try await items.page(.client, of: poolID, list: "ListUserPoolClients", nextToken: input.nextToken,
                                        limit: input.maxResults ?? 60, context: context)
        return ListUserPoolClientsResponse(
            userPoolClients: page.items.map { UserPoolClientDescription(clientId: $0.key, userPoolId: poolID, clientName: $0.name) },
            nextToken: page.nextToken)
    }
}
