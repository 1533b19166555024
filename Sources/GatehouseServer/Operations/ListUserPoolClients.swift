import CognitoModel

extension Gatehouse {
    /// The pool's clients in client id order, MaxResults at a time (60 when omitted: docs/compatibility.md).
    func listUserPoolClients(_ input: ListUserPoolClientsRequest, context: CallContext) async throws -> ListUserPoolClientsResponse {
        let poolID = try input.userPoolId.required
        _ = try await userPoolRecord(poolID, context: context)
        let tokens = try await pageTokens.value()
        let scope = "ListUserPoolClients/\(poolID)"
        let after = try input.nextToken.map { token in try tokens.open(token, scope: scope) }
        let page = try await storage.userPoolItems(userPoolID: poolID, kind: .client, after: after, limit: input.maxResults ?? 60)
        return ListUserPoolClientsResponse(
            userPoolClients: page.items.map { UserPoolClientDescription(clientId: $0.key, userPoolId: poolID, clientName: $0.name) },
            nextToken: page.nextCursor.map { tokens.seal($0, scope: scope) })
    }
}
