import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

extension UserPoolsFeature {
    /// Creates a pool in the request's region with every omitted setting at Cognito's default.
    func createUserPool(_ input: CreateUserPoolRequest, context: CallContext) async throws -> CreateUserPoolResponse {
        try await createUserPool(input, id: UserPoolID.generate(region: context.region, random: random), context: context)
    }

    /// Creates the pool `id` (a new random one, or a declared state's) in the request's region.
    /// - Throws: as CreateUserPool; `StorageError.duplicate` when a pool has the id.
    func createUserPool(_ input: CreateUserPoolRequest, id: String, context: CallContext) async throws -> CreateUserPoolResponse {
        let name = try input.poolName.required
        if input.aliasAttributes?.isEmpty == false, input.usernameAttributes?.isEmpty == false {
            throw AWSServiceError.invalidParameterException("Only one of aliasAttributes or usernameAttributes can be set in a User Pool.")
        }
        try UserPoolRules.check(input, softwareTokenMfaEnabled: false, tier: input.userPoolTier ?? .essentials)
        let now = clock.now()
        var pool = UserPoolType(
            id: id, name: name, lastModifiedDate: now, creationDate: now,
            schemaAttributes: try UserPoolSchema.initial(input.schema),
            aliasAttributes: input.aliasAttributes, usernameAttributes: input.usernameAttributes,
            usernameConfiguration: input.usernameConfiguration,
            arn: UserPoolID.arn(id: id, region: context.region, accountID: context.accountID))
        UserPoolConfiguration.apply(input, to: &pool, region: context.region, isUpdate: false)
        let stored = StoredUserPool(pool: pool)
        let record = UserPoolRecord(id: id, region: context.region, name: name, creationDate: now, lastModifiedDate: now,
                                    document: stored.document(), summary: stored.summary())
        try await storage.insertUserPool(record)
        directory.cache.remember(stored, as: record)
        return CreateUserPoolResponse(userPool: stored.describe(record))
    }
}
