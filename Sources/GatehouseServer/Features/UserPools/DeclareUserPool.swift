import AWSWire
import CognitoModel
import DeclaredState
import GatehouseCore
import GatehouseStorage

extension UserPoolsFeature {
    /// Creates the declared pool with its id, or brings the existing one to the declared settings
    /// as UpdateUserPool does (what the declaration omits returns to its default), with its
    /// declared MfaConfig as SetUserPoolMfaConfig sets it, and adds the declared custom attributes
    /// it lacks: all in one atomic change of the pool, so that processes applying the same state at
    /// once cannot see a half-declared pool. Nothing is written when nothing differs.
    /// - Throws: what CreateUserPool, UpdateUserPool or SetUserPoolMfaConfig throw;
    ///   `InvalidParameterException` for a change Cognito does not allow after creation (the
    ///   username settings, a schema attribute).
    func declare(_ declared: DeclaredUserPool, context: CallContext) async throws -> DeclaredChange {
        guard let before = try await storage.userPool(id: declared.id) else {
            var settings = declared.settings
            if declared.mfaConfig != nil { settings.mfaConfiguration = nil }  // set below, with the factors it needs
            do {
                _ = try await createUserPool(settings, id: declared.id, context: context)
            } catch StorageError.duplicate {
                return try await declare(declared, context: context)  // another process made it
            }
            if declared.mfaConfig != nil { _ = try await declare(declared, context: context) }
            return .created
        }
        let update = try Self.update(declared)
        let desiredSchema = try UserPoolSchema.initial(declared.settings.schema)
        let after = try await directory.update(declared.id, context: context, touch: .ifChanged) { stored, record in
            try Self.checkUnchangeable(declared.settings, of: stored.pool)
            stored.pool.schemaAttributes = try Self.schema(desiredSchema, adding: stored.pool.schemaAttributes ?? [])
            if let mfa = declared.mfaConfig { try UserPoolMfa.apply(mfa, to: &stored, region: record.region) }
            let tier = update.userPoolTier ?? stored.pool.userPoolTier ?? .essentials
            try UserPoolRules.check(update, softwareTokenMfaEnabled: stored.softwareTokenMfaEnabled, tier: tier)
            UserPoolConfiguration.apply(update, to: &stored.pool, region: record.region, isUpdate: true)
            if let name = update.poolName { record.name = name }
        }
        return after.lastModifiedDate == before.lastModifiedDate && after.name == before.name ? .unchanged : .updated
    }

    /// The UpdateUserPool request that brings a pool to the declared settings; its MfaConfiguration,
    /// when the settings name none, is the declared MfaConfig's.
    static func update(_ declared: DeclaredUserPool) throws -> UpdateUserPoolRequest {
        var update = try DeclaredRequest.converted(declared.settings, to: UpdateUserPoolRequest.self, adding: [("UserPoolId", .string(declared.id))])
        update.mfaConfiguration = update.mfaConfiguration ?? declared.mfaConfig?.mfaConfiguration
        return update
    }

    /// The settings Cognito fixes when it creates a pool must be as declared.
    static func checkUnchangeable(_ declared: CreateUserPoolRequest, of pool: UserPoolType) throws(AWSServiceError) {
        let unchangeable: [(String, Bool)] = [
            ("UsernameAttributes", (declared.usernameAttributes ?? []) == (pool.usernameAttributes ?? [])),
            ("AliasAttributes", (declared.aliasAttributes ?? []) == (pool.aliasAttributes ?? [])),
            ("UsernameConfiguration", (declared.usernameConfiguration?.caseSensitive ?? true) == (pool.usernameConfiguration?.caseSensitive ?? true)),
        ]
        for (name, same) in unchangeable where !same {
            throw AWSServiceError.invalidParameterException("\(name) cannot change once the pool exists: delete the pool to declare it anew.")
        }
    }

    /// The pool's schema with the declared attributes it lacks added; a declared attribute the pool
    /// has must be as the pool has it (Cognito changes none), and attributes the declaration does
    /// not name stay (Cognito removes none).
    static func schema(_ desired: [SchemaAttributeType], adding existing: [SchemaAttributeType]) throws(AWSServiceError) -> [SchemaAttributeType] {
        var missing: [SchemaAttributeType] = []
        for attribute in desired {
            if let current = existing.first(where: { $0.name == attribute.name }) {
                guard current == attribute else {
                    throw AWSServiceError.invalidParameterException(
                        "Schema attribute \(attribute.name ?? "") cannot change once the pool exists: delete the pool to declare it anew.")
                }
            } else {
                missing.append(attribute)
            }
        }
        return missing.isEmpty ? existing : try UserPoolSchema.appending(missing, to: existing)
    }
}
