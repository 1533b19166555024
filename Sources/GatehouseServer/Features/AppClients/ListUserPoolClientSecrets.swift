import CognitoModel
import GatehouseCore

extension AppClientsFeature {
    /// The client's secrets, without their values, the one it was created with first; at most two,
    /// so one page.
    func listUserPoolClientSecrets(_ input: ListUserPoolClientSecretsRequest, context: CallContext) async throws -> ListUserPoolClientSecretsResponse {
        let clientID = try input.clientId.required
        let record = try await items.record(.client, clientID, of: try input.userPoolId.required, context: context,
                                              missing: UserPoolDirectory.clientNotFound(clientID))
        return ListUserPoolClientSecretsResponse(clientSecrets: try StoredUserPoolClient(record: record).secretDescriptors(record))
    }
}
