import AWSWire
import CognitoModel

extension AppClientsFeature {
    func deleteUserPoolClient(_ input: DeleteUserPoolClientRequest, context: CallContext) async throws -> EmptyOutput {
        let clientID = try input.clientId.required
        try await items.delete(.client, clientID, of: try input.userPoolId.required, context: context,
                               missing: UserPoolDirectory.clientNotFound(clientID))
        return EmptyOutput()
    }
}
