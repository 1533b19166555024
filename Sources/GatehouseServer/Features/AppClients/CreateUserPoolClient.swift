import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

extension AppClientsFeature {
    /// Creates an app client with every omitted setting at Cognito's default, and a secret when
    /// the request asks for one (GenerateSecret) or gives one (ClientSecret).
    func createUserPoolClient(_ input: CreateUserPoolClientRequest, context: CallContext) async throws -> CreateUserPoolClientResponse {
        try await createUserPoolClient(input, clientID: UserPoolClientID.generate(random: random), context: context)
    }

    /// Creates the client `clientID` (a new random one, or a declared state's).
    /// - Throws: as CreateUserPoolClient; `StorageError.duplicate` when a client has the id.
    func createUserPoolClient(_ input: CreateUserPoolClientRequest, clientID: String,
                              context: CallContext) async throws -> CreateUserPoolClientResponse {
        let poolID = try input.userPoolId.required
        let name = try input.clientName.required
        let pool = try await directory.pool(poolID, context: context)
        if input.generateSecret == true, input.clientSecret != nil {
            throw AWSServiceError.invalidParameterException("You cannot specify both GenerateSecret as true and a ClientSecret.")
        }
        let secret = input.clientSecret ?? (input.generateSecret == true ? UserPoolClientID.generateSecret(random: random) : nil)
        var settings = UserPoolClientType()
        UserPoolClientConfiguration.apply(input, to: &settings, accountID: context.accountID, isUpdate: false)
        try UserPoolClientRules.check(settings, userPoolID: poolID, schema: pool.schema, hasSecret: secret != nil, isUpdate: false,
                                      customScopes: try await customScopes(named: input.allowedOAuthScopes, in: poolID))
        let box = try await directory.clientSecrets.value()
        let stored = StoredUserPoolClient(settings: settings, sealedSecret: secret.map { box.seal($0, clientID: clientID, random: random) })
        let now = clock.now()
        let record = UserPoolItemRecord(userPoolID: poolID, kind: .client, key: clientID, name: name, creationDate: now,
                                        lastModifiedDate: now, document: stored.document())
        do {
            try await storage.insertUserPoolItem(record)
        } catch StorageError.notFound {
            throw UserPoolDirectory.poolNotFound(poolID)
        }
        return CreateUserPoolClientResponse(userPoolClient: try stored.describe(record, box: box))
    }
}
