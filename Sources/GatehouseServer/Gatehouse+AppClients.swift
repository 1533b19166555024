import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

extension Gatehouse {
    /// The app client and pool of a call an app makes without IAM credentials (SignUp,
    /// ForgotPassword, …), its SecretHash checked for `username`.
    /// - Throws: `ResourceNotFoundException` for a client that does not exist;
    ///   `NotAuthorizedException` for a missing or wrong SecretHash.
    func appClient(_ clientID: String, username: String, secretHash: String?) async throws -> (client: UserPoolClientType, pool: UserPoolType) {
        let (client, pool) = try await appClient(clientID)
        try SecretHash.check(secretHash, username: username, clientID: clientID, clientSecret: client.clientSecret)
        return (client, pool)
    }

    /// The app client `clientID` and its pool, its secret opened, no SecretHash checked. A client id
    /// names its pool, hence its region: the request's region plays no part (an app's unsigned call
    /// carries none), as a client id is unique across regions.
    /// - Parameter userPoolID: the pool the call names (admin calls, whose pool id the caller has
    ///   checked against the request's region), which must be the client's.
    /// - Throws: `ResourceNotFoundException` for a client that does not exist or is of another pool.
    func appClient(_ clientID: String, userPoolID: String? = nil) async throws -> (client: UserPoolClientType, pool: UserPoolType) {
        guard let record = try await storage.userPoolItem(kind: .client, key: clientID),
              userPoolID == nil || record.userPoolID == userPoolID,
              let poolRecord = try await storage.userPool(id: record.userPoolID) else {
            throw Self.clientNotFound(clientID)
        }
        return (try await describeClient(record), try describe(poolRecord))
    }

    /// Checks that an app client may write these attributes: those of its WriteAttributes, or when
    /// it has none every attribute but the verified flags and developer-only attributes.
    /// - Throws: `NotAuthorizedException` "A client attempted to write unauthorized attribute".
    static func checkWritable(_ attributes: [AttributeType], by client: UserPoolClientType) throws(AWSServiceError) {
        for name in attributes.compactMap(\.name) {
            let allowed = client.writeAttributes.map { $0.contains(name) }
                ?? !(name == "email_verified" || name == "phone_number_verified" || name.hasPrefix("dev:"))
            if !allowed { throw .notAuthorizedException("A client attempted to write unauthorized attribute") }
        }
    }

    /// What the calls an app makes without IAM credentials answer for a user that does not exist,
    /// when the client does not hide users.
    static let appUserNotFound = AWSServiceError.userNotFoundException("Username/client id combination not found.")

    /// ``sendNewCode(_:toUserNamed:in:trigger:destination:change:)`` for a call an app makes. For a
    /// user that does not exist it answers ``appUserNotFound``, or, when the client hides users, as
    /// if the code went to an email address, the name given masked as one (docs/compatibility.md).
    func sendNewCode(_ purpose: PendingCode.Purpose, toUserNamed name: String, in pool: UserPoolType, for client: UserPoolClientType,
                     trigger: String, destination: @escaping @Sendable (StoredUser) throws -> CodeDestination) async throws -> CodeDeliveryDetailsType {
        do {
            return try await sendNewCode(purpose, toUserNamed: name, in: pool, trigger: trigger,
                                         signUpClientID: purpose == .signUp ? client.clientId : nil, destination: destination)
        } catch let error as AWSServiceError where error == Self.userNotFound {
            guard Self.hidesUsers(client) else { throw Self.appUserNotFound }
            return CodeDestination(attributeName: "email", address: name).details
        }
    }

    /// Whether the client hides which users exist (PreventUserExistenceErrors ENABLED).
    static func hidesUsers(_ client: UserPoolClientType) -> Bool {
        client.preventUserExistenceErrors == .enabled
    }
}
