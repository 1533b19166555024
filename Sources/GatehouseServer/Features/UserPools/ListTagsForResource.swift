import AWSWire
import CognitoModel
import GatehouseCore

extension UserPoolsFeature {
    func listTagsForResource(_ input: ListTagsForResourceRequest, context: CallContext) async throws -> ListTagsForResourceResponse {
        let pool = try await taggedPool(try input.resourceArn.required, context: context)
        return ListTagsForResourceResponse(tags: pool.settings.userPoolTags ?? [:])
    }

    /// The pool a tagging ARN names.
    /// - Throws: `InvalidParameterException` for an ARN that names no user pool of this region,
    ///   `ResourceNotFoundException` when the pool does not exist.
    func taggedPool(_ arn: String, context: CallContext) async throws -> UserPool {
        guard let id = UserPoolID.id(fromARN: arn, region: context.region) else {
            throw AWSServiceError.invalidParameterException("Invalid ARN: \(arn)")
        }
        let pool = try await directory.pool(id, context: context)
        guard pool.arn == arn else { throw UserPoolDirectory.poolNotFound(id) }
        return pool
    }
}
