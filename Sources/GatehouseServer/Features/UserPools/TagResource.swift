import CognitoModel

extension UserPoolsFeature {
    /// Adds or replaces tags on a user pool named by its ARN.
    func tagResource(_ input: TagResourceRequest, context: CallContext) async throws -> TagResourceResponse {
        let id = try await taggedPool(try input.resourceArn.required, context: context).id
        let tags = try input.tags.required
        try await directory.update(id, context: context) { stored, _ in
            stored.pool.userPoolTags = (stored.pool.userPoolTags ?? [:]).merging(tags) { _, new in new }
        }
        return TagResourceResponse()
    }
}
