import AWSWire
import CognitoModel

extension Gatehouse {
    func deleteUserPoolClient(_ input: DeleteUserPoolClientRequest, context: CallContext) async throws -> EmptyOutput {
        let clientID = try input.clientId.required
        try await deleteUserPoolItem(.client, clientID, of: try input.userPoolId.required, context: context,
                                     missing: Self.clientNotFound(clientID))
        return EmptyOutput()
    }
}
