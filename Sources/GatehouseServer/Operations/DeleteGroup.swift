import AWSWire
import CognitoModel

extension Gatehouse {
    func deleteGroup(_ input: DeleteGroupRequest, context: CallContext) async throws -> EmptyOutput {
        try await deleteUserPoolItem(.group, try input.groupName.required, of: try input.userPoolId.required, context: context,
                                     missing: Self.groupNotFound)
        return EmptyOutput()
    }
}
