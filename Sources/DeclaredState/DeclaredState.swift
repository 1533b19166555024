import AWSWire
import CognitoModel

/// A declared state: the user pools a file names, each with its app clients, domain, groups and
/// users, in the AWS CLI's input shapes (`--cli-input-yaml`) with the ids added:
///
///     UserPools:
///       - Id: us-east-1_Example01          # fixed; CreateUserPool's members besides
///         PoolName: example
///         MfaConfig: {…}                   # SetUserPoolMfaConfig's members
///         ResourceServers: [{Identifier: api, Name: API, Scopes: […]}]   # CreateResourceServer's
///         Domain: {Domain: example-auth}   # CreateUserPoolDomain's members
///         UICustomization: {CSS: …}        # SetUICustomization's, for every client
///         Clients:
///           - ClientId: 1example23456789abcdefghij   # CreateUserPoolClient's members besides
///             ClientName: web
///         Groups: [{GroupName: admins}]    # CreateGroup's members
///         Users:
///           - {Username: alice, Password: …, UserAttributes: […], Groups: [admins]}
///
/// Each part holds the request it stands for, decoded and checked as the API checks it, and its
/// path in the document (``DeclarationError/path``).
public struct DeclaredState: Sendable {
    public let userPools: [DeclaredUserPool]

    /// - Throws: ``DeclarationError`` at the first part that is not of the form, or breaks the
    ///   model's constraints, or repeats an id or name.
    public init(json: JSONNode) throws(DeclarationError) {
        guard let pairs = json.pairs else { throw DeclarationError(path: "", message: "the document must be a mapping with UserPools") }
        for (key, _) in pairs where key != "UserPools" {
            throw DeclarationError(path: key, message: "is not a part of a declared state; the parts are: UserPools")
        }
        var pools: [DeclaredUserPool] = []
        for (index, node) in try Self.list(json["UserPools"] ?? .array([]), at: "UserPools").enumerated() {
            let pool = try DeclaredUserPool(node, at: DocumentPath.element("UserPools", index))
            if pools.contains(where: { $0.id == pool.id }) {
                throw DeclarationError(path: DocumentPath.member(pool.path, "Id"), message: "\(pool.id) is declared twice")
            }
            pools.append(pool)
        }
        userPools = pools
    }

    static func list(_ node: JSONNode, at path: String) throws(DeclarationError) -> [JSONNode] {
        guard let elements = node.array else { throw DeclarationError(path: path, message: "must be a list") }
        return elements
    }

    /// The string member `key` of `node`, which must be there.
    static func requiredString(_ key: String, of node: JSONNode, at path: String) throws(DeclarationError) -> String {
        guard let value = node[key] else { throw DeclarationError(path: path, message: "has no \(key)") }
        guard let text = value.string else { throw DeclarationError(path: DocumentPath.member(path, key), message: "expected string") }
        return text
    }

    /// Each element of the list `key` of `node` (none when it is absent), decoded by `decode`.
    static func elements<Element>(_ key: String, of node: [String: JSONNode], at path: String,
                                  _ decode: (JSONNode, String) throws(DeclarationError) -> Element) throws(DeclarationError) -> [Element] {
        let listPath = DocumentPath.member(path, key)
        guard let list = node[key] else { return [] }
        var elements: [Element] = []
        for (index, element) in try DeclaredState.list(list, at: listPath).enumerated() {
            elements.append(try decode(element, DocumentPath.element(listPath, index)))
        }
        return elements
    }
}

/// One declared pool.
public struct DeclaredUserPool: Sendable {
    public let path: String
    public let id: String
    /// The region the id names, where the pool lives.
    public let region: String
    public let settings: CreateUserPoolRequest
    public let mfaConfig: SetUserPoolMfaConfigRequest?
    public let resourceServers: [DeclaredResourceServer]
    public let domain: CreateUserPoolDomainRequest?
    /// For every app client (SetUICustomization's ClientId `ALL`).
    public let uiCustomization: SetUICustomizationRequest?
    public let clients: [DeclaredUserPoolClient]
    public let groups: [DeclaredGroup]
    public let users: [DeclaredUser]

    static let parts: Set<String> = ["Id", "MfaConfig", "ResourceServers", "Domain", "UICustomization", "Clients", "Groups", "Users"]

    init(_ node: JSONNode, at path: String) throws(DeclarationError) {
        self.path = path
        id = try DeclaredState.requiredString("Id", of: node, at: path)
        guard let region = DeclaredIDs.region(ofUserPoolID: id) else {
            throw DeclarationError(path: DocumentPath.member(path, "Id"),
                                   message: "\(id) is not a user pool id: <region>_<letters or digits>, at most 55 characters, "
                                       + "e.g. us-east-1_Example01")
        }
        self.region = region
        let poolID: [(key: String, value: JSONNode)] = [("UserPoolId", .string(id))]
        let (settings, parts) = try ShapeDecoding.decode(CreateUserPoolRequest.self, node, at: path,
                                                         extras: Self.parts)
        self.settings = settings
        mfaConfig = try parts["MfaConfig"].map { (node) throws(DeclarationError) in
            try ShapeDecoding.decode(SetUserPoolMfaConfigRequest.self, node,
                                     at: DocumentPath.member(path, "MfaConfig"), adding: poolID).request
        }
        domain = try parts["Domain"].map { (node) throws(DeclarationError) in
            try ShapeDecoding.decode(CreateUserPoolDomainRequest.self, node,
                                     at: DocumentPath.member(path, "Domain"), adding: poolID).request
        }
        uiCustomization = try parts["UICustomization"].map { (node) throws(DeclarationError) in
            try ShapeDecoding.decode(SetUICustomizationRequest.self, node,
                                     at: DocumentPath.member(path, "UICustomization"), adding: poolID + [("ClientId", .string("ALL"))]).request
        }
        resourceServers = try DeclaredState.elements("ResourceServers", of: parts, at: path) { (node, path) throws(DeclarationError) in
            DeclaredResourceServer(path: path,
                                   settings: try ShapeDecoding.decode(CreateResourceServerRequest.self, node, at: path, adding: poolID).request)
        }
        clients = try DeclaredState.elements("Clients", of: parts, at: path) { (node, path) throws(DeclarationError) in
            try DeclaredUserPoolClient(node, at: path, poolID: poolID)
        }
        groups = try DeclaredState.elements("Groups", of: parts, at: path) { (node, path) throws(DeclarationError) in
            DeclaredGroup(path: path, settings: try ShapeDecoding.decode(CreateGroupRequest.self, node,
                                                                         at: path, adding: poolID).request)
        }
        users = try DeclaredState.elements("Users", of: parts, at: path) { (node, path) throws(DeclarationError) in
            try DeclaredUser(node, at: path, poolID: poolID)
        }
        try Self.checkUnique(clients.map { ($0.path, "ClientId", $0.clientID) })
        try Self.checkUnique(resourceServers.map { ($0.path, "Identifier", $0.settings.identifier ?? "") })
        try Self.checkUnique(groups.map { ($0.path, "GroupName", $0.settings.groupName ?? "") })
        try Self.checkUnique(users.map { ($0.path, "Username", $0.settings.username ?? "") })
    }

    /// No two parts of a list share the value that names them.
    static func checkUnique(_ names: [(path: String, key: String, value: String)]) throws(DeclarationError) {
        var seen: Set<String> = []
        for (path, key, value) in names where !seen.insert(value).inserted {
            throw DeclarationError(path: DocumentPath.member(path, key), message: "\(value) is declared twice")
        }
    }
}

/// One declared app client: CreateUserPoolClient's request and its fixed id.
public struct DeclaredUserPoolClient: Sendable {
    public let path: String
    public let clientID: String
    public let settings: CreateUserPoolClientRequest

    init(_ node: JSONNode, at path: String, poolID: [(key: String, value: JSONNode)]) throws(DeclarationError) {
        self.path = path
        clientID = try DeclaredState.requiredString("ClientId", of: node, at: path)
        guard DeclaredIDs.isClientID(clientID) else {
            throw DeclarationError(path: DocumentPath.member(path, "ClientId"),
                                   message: "\(clientID) is not an app client id: 25 or 26 lower-case letters and digits")
        }
        settings = try ShapeDecoding.decode(CreateUserPoolClientRequest.self, node, at: path,
                                            extras: ["ClientId"], adding: poolID).request
    }
}

/// One declared resource server: CreateResourceServer's request.
public struct DeclaredResourceServer: Sendable {
    public let path: String
    public let settings: CreateResourceServerRequest
}

/// One declared group: CreateGroup's request.
public struct DeclaredGroup: Sendable {
    public let path: String
    public let settings: CreateGroupRequest
}

/// One declared user: AdminCreateUser's name, attributes and temporary password, or a permanent
/// `Password`; its `UserStatus` when created; whether it is `Enabled` (by default it is); the
/// `Groups` it is in, when named.
public struct DeclaredUser: Sendable {
    public let path: String
    /// UserAttributes and TemporaryPassword; the other members of AdminCreateUser are not declared.
    public let settings: AdminCreateUserRequest
    public let password: String?
    /// CONFIRMED (the default with a Password), UNCONFIRMED (with a Password: as SignUp leaves a
    /// user) or FORCE_CHANGE_PASSWORD (the default without one).
    public let status: UserStatusType
    public let enabled: Bool
    /// `nil` when the document does not name them: the user's groups are then left as they are.
    public let groups: [String]?

    init(_ node: JSONNode, at path: String, poolID: [(key: String, value: JSONNode)]) throws(DeclarationError) {
        self.path = path
        for key in ["ValidationData", "ForceAliasCreation", "MessageAction", "DesiredDeliveryMediums", "ClientMetadata"] where node[key] != nil {
            throw DeclarationError(path: DocumentPath.member(path, key), message: "is not declared: a declared user has Username, "
                + "UserAttributes, TemporaryPassword or Password, UserStatus, Enabled and Groups")
        }
        let (settings, parts) = try ShapeDecoding.decode(AdminCreateUserRequest.self, node, at: path,
                                                         extras: ["Password", "UserStatus", "Enabled", "Groups"], adding: poolID)
        self.settings = settings
        let username = settings.username ?? ""
        password = try parts["Password"].map { (node) throws(DeclarationError) in
            let passwordPath = DocumentPath.member(path, "Password")
            guard settings.temporaryPassword == nil else {
                throw DeclarationError(path: passwordPath, message: "a user has a Password or a TemporaryPassword, not both")
            }
            let request: [(key: String, value: JSONNode)] = poolID + [("Username", .string(username)), ("Password", node), ("Permanent", .bool(true))]
            return try ShapeDecoding.decode(AdminSetUserPasswordRequest.self, .object([]),
                                            at: path, adding: request).request.password ?? ""
        }
        status = try Self.status(parts["UserStatus"], hasPassword: password != nil, at: DocumentPath.member(path, "UserStatus"))
        if let value = parts["Enabled"] {
            guard let flag = value.bool else { throw DeclarationError(path: DocumentPath.member(path, "Enabled"), message: "expected boolean") }
            enabled = flag
        } else {
            enabled = true
        }
        groups = try parts["Groups"].map { (node) throws(DeclarationError) in
            let groupsPath = DocumentPath.member(path, "Groups")
            var names: [String] = []
            for (index, element) in try DeclaredState.list(node, at: groupsPath).enumerated() {
                let request: [(key: String, value: JSONNode)] = poolID + [("Username", .string(username)), ("GroupName", element)]
                let name = try ShapeDecoding.decode(AdminAddUserToGroupRequest.self, .object([]),
                                                    at: DocumentPath.element(groupsPath, index), adding: request).request.groupName ?? ""
                names.append(name)
            }
            return names
        }
    }

    /// The declared status, or the one a user with (or without) a password has by default.
    static func status(_ node: JSONNode?, hasPassword: Bool, at path: String) throws(DeclarationError) -> UserStatusType {
        guard let node else { return hasPassword ? .confirmed : .forceChangePassword }
        let allowed: [UserStatusType] = hasPassword ? [.confirmed, .unconfirmed] : [.forceChangePassword]
        guard let text = node.string, let status = allowed.first(where: { $0.rawValue == text }) else {
            throw DeclarationError(path: path, message: "a user with" + (hasPassword ? " a Password" : "out a Password") + " is "
                + allowed.map(\.rawValue).joined(separator: " or "))
        }
        return status
    }
}
