import AWSWire
import CognitoModel

extension GroupsFeature {
    func deleteGroup(_ input: DeleteGroupRequest, context: CallContext) async throws -> EmptyOutput {
        try await items.delete(.group, try input.groupName.required, of: try input.userPoolId.required, context: context,
                               missing: Self.groupNotFound)
        return EmptyOutput()
    }
}
