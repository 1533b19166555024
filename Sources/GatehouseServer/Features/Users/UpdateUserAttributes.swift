import AWSWire
import CognitoModel
import GatehouseCore

extension UsersFeature {
    /// The signed-in user changes its attributes, those its app client may write, as
    /// ``updateAttributes(_:ofUserNamed:in:trigger:clientID:clientMetadata:)`` describes.
    func updateUserAttributes(_ input: UpdateUserAttributesRequest, context: CallContext) async throws -> UpdateUserAttributesResponse {
        let caller = try await accessTokens.caller(try input.accessToken.required)
        let attributes = try input.userAttributes.required
        try ClientAttributeAccess.checkWritable(attributes, by: try await accessTokens.client(of: caller).settings)
        let sent = try await updateAttributes(attributes, ofUserNamed: caller.record.key, in: caller.pool, trigger: "UpdateUserAttributes",
                                              clientID: caller.claims.clientID, clientMetadata: input.clientMetadata)
        return UpdateUserAttributesResponse(codeDeliveryDetailsList: sent.map { [$0] } ?? [])
    }
}
