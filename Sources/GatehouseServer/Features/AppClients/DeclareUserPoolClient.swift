import AWSWire
import CognitoModel
import DeclaredState
import GatehouseCore
import GatehouseStorage

extension AppClientsFeature {
    /// Creates the declared client with its id (and its declared secret), or brings the existing
    /// one to the declared settings as UpdateUserPoolClient does. Nothing is written when nothing
    /// differs. A client's secret is made when it is created and never changes afterwards, so a
    /// declared secret must be one the client has.
    /// - Throws: what CreateUserPoolClient or UpdateUserPoolClient throw; `InvalidParameterException`
    ///   for a client id another pool's client has, or a secret the client cannot have.
    func declare(_ declared: DeclaredUserPoolClient, context: CallContext) async throws -> DeclaredChange {
        let poolID = try declared.settings.userPoolId.required
        guard let before = try await storage.userPoolItem(kind: .client, key: declared.clientID) else {
            do {
                _ = try await createUserPoolClient(declared.settings, clientID: declared.clientID, context: context)
                return .created
            } catch StorageError.duplicate {
                return try await declare(declared, context: context)  // another process made it
            }
        }
        guard before.userPoolID == poolID else {
            throw AWSServiceError.invalidParameterException(
                "The client id \(declared.clientID) belongs to a client of the pool \(before.userPoolID).")
        }
        let stored = try StoredUserPoolClient(record: before)
        if let secret = declared.settings.clientSecret {
            let secrets = try stored.secrets(before, box: try await directory.clientSecrets.value())
            guard secrets.contains(where: { ConstantTime.matches(secret, $0) }) else {
                throw AWSServiceError.invalidParameterException(
                    "ClientSecret differs from the client's: a client's secret cannot change once it exists.")
            }
        } else if declared.settings.generateSecret == true, stored.secretCount == 0 {
            throw AWSServiceError.invalidParameterException("GenerateSecret: the client exists without a secret, and a secret cannot be added to it.")
        }
        let after = try await updateClient(try Self.update(declared), context: context, touch: .ifChanged)
        return after.lastModifiedDate == before.lastModifiedDate && after.name == before.name ? .unchanged : .updated
    }

    /// The UpdateUserPoolClient request that brings a client to the declared settings.
    static func update(_ declared: DeclaredUserPoolClient) throws -> UpdateUserPoolClientRequest {
        try DeclaredRequest.converted(declared.settings, to: UpdateUserPoolClientRequest.self, adding: [("ClientId", .string(declared.clientID))])
    }
}
