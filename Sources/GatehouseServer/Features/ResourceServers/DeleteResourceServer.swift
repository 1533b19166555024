import AWSWire
import CognitoModel
import GatehouseCore

extension ResourceServersFeature {
    /// Deletes a resource server. App clients keep its scopes, which grant nothing until a resource
    /// server defines them again (DG).
    func deleteResourceServer(_ input: DeleteResourceServerRequest, context: CallContext) async throws -> EmptyOutput {
        let identifier = try input.identifier.required
        try await items.delete(.resourceServer, identifier, of: try input.userPoolId.required, context: context,
                               missing: Self.notFound(identifier))
        return EmptyOutput()
    }
}
