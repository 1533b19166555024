import AWSWire
import CognitoModel
import GatehouseCore

extension UsersFeature {
    /// Sets, replaces or (with an empty value) removes a user's attributes, as
    /// ``updateAttributes(_:ofUserNamed:in:trigger:clientID:clientMetadata:)`` describes.
    func adminUpdateUserAttributes(_ input: AdminUpdateUserAttributesRequest,
                                   context: CallContext) async throws -> AdminUpdateUserAttributesResponse {
        let pool = try await directory.pool(try input.userPoolId.required, context: context)
        try await updateAttributes(try input.userAttributes.required, ofUserNamed: try input.username.required, in: pool,
                                   trigger: "AdminUpdateUserAttributes", clientID: nil, clientMetadata: input.clientMetadata)
        return AdminUpdateUserAttributesResponse()
    }
}
