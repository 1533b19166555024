import CognitoModel

extension UserPoolsFeature {
    /// Removes tags by key from a user pool named by its ARN; absent keys are ignored.
    func untagResource(_ input: UntagResourceRequest, context: CallContext) async throws -> UntagResourceResponse {
        let id = try await taggedPool(try input.resourceArn.required, context: context).id
        let keys = Set(try input.tagKeys.required)
        try await directory.update(id, context: context) { stored, _ in
            stored.pool.userPoolTags = (stored.pool.userPoolTags ?? [:]).filter { !keys.contains($0.key) }
        }
        return UntagResourceResponse()
    }
}
