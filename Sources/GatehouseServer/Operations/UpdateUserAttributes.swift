import AWSWire
import CognitoModel
import GatehouseCore

extension Gatehouse {
    /// The signed-in user changes its attributes, those its app client may write, as
    /// ``updateAttributes(_:ofUserNamed:in:trigger:)`` describes.
    func updateUserAttributes(_ input: UpdateUserAttributesRequest, context: CallContext) async throws -> UpdateUserAttributesResponse {
        let (claims, pool, record, _) = try await accessTokenUser(try input.accessToken.required)
        let attributes = try input.userAttributes.required
        try Self.checkWritable(attributes, by: try await tokenClient(claims, pool: pool, context: context))
        let sent = try await updateAttributes(attributes, ofUserNamed: record.key, in: pool, trigger: "UpdateUserAttributes")
        return UpdateUserAttributesResponse(codeDeliveryDetailsList: sent.map { [$0] } ?? [])
    }

    /// The app client an access token was issued to.
    func tokenClient(_ claims: AccessTokenClaims, pool: UserPoolType, context: CallContext) async throws -> UserPoolClientType {
        try await appClient(claims.clientID, userPoolID: pool.id).client
    }
}
