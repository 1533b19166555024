import AWSWire
import CognitoModel

extension BrandingFeature {
    func deleteManagedLoginBranding(_ input: DeleteManagedLoginBrandingRequest, context: CallContext) async throws -> EmptyOutput {
        let poolID = try input.userPoolId.required
        let id = try input.managedLoginBrandingId.required
        let (record, _) = try await style(id, of: poolID, context: context)
        try await items.delete(.managedLoginBranding, record.key, of: poolID, context: context, missing: Self.styleNotFound(id))
        return EmptyOutput()
    }
}
