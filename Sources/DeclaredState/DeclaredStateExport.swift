import AWSWire
import CognitoModel

/// A pool's declared state as read through the Cognito API, from Gatehouse (`gatehouse export`)
/// or from AWS (`gatehouse mirror`): the pool's settings and MFA configuration, its resource
/// servers, domain, UI customization's CSS, app clients and groups, with the pool's and clients'
/// ids. Users are not read.
public struct DeclaredStateExport: Sendable {
    /// Calls an operation of the Cognito API with its input, answering its output.
    public typealias Call = (_ operation: String, _ input: JSONNode) async throws -> JSONNode

    /// Whether the pool's Lambda triggers (LambdaConfig) are kept: a mirror must not call
    /// production functions unless asked.
    public var includesLambdaConfig: Bool
    /// Whether client secrets are kept; without them a client that has one is declared with
    /// `GenerateSecret: true`, so that it has a secret of its own.
    public var includesClientSecrets: Bool

    public init(includesLambdaConfig: Bool, includesClientSecrets: Bool) {
        self.includesLambdaConfig = includesLambdaConfig
        self.includesClientSecrets = includesClientSecrets
    }

    /// The document of the pool `poolID`: `{"UserPools": [pool]}`, and what it leaves out because
    /// the source could not answer it (the UI customization, which moto does not serve).
    /// - Throws: what `call` throws for every other part.
    public func document(poolID: String, call: Call) async throws -> (document: JSONNode, leftOut: [String]) {
        var leftOut: [String] = []
        let poolInput = JSONNode.object([("UserPoolId", .string(poolID))])
        let described = try await call("DescribeUserPool", poolInput)["UserPool"] ?? .object([])
        var pool: [(key: String, value: JSONNode)] = [("Id", described["Id"] ?? .string(poolID))]
        if let name = described["Name"] { pool.append(("PoolName", name)) }
        pool += Self.members(of: described, in: "CreateUserPoolRequest",
                             except: includesLambdaConfig ? ["PoolName", "Schema"] : ["PoolName", "Schema", "LambdaConfig"]).map { member in
            // DescribeUserPool shows UnusedAccountValidityDays beside TemporaryPasswordValidityDays, which requests may not hold both of.
            guard member.key == "AdminCreateUserConfig", described["Policies"]?["PasswordPolicy"]?["TemporaryPasswordValidityDays"] != nil,
                  let pairs = member.value.pairs else { return member }
            return (member.key, .object(pairs.filter { $0.key != "UnusedAccountValidityDays" }))
        }
        let schema = (described["SchemaAttributes"]?.array ?? []).compactMap(Self.declaredAttribute)
        if !schema.isEmpty { pool.append(("Schema", .array(schema))) }
        let mfa = try await call("GetUserPoolMfaConfig", poolInput)
        pool.append(("MfaConfig", .object(Self.members(of: mfa, in: "SetUserPoolMfaConfigRequest", except: ["UserPoolId"]))))
        let resourceServers = try await Self.pages("ListResourceServers", poolInput, list: "ResourceServers", call: call).map { server in
            JSONNode.object(Self.members(of: server, in: "CreateResourceServerRequest", except: ["UserPoolId"]))
        }
        if !resourceServers.isEmpty { pool.append(("ResourceServers", .array(resourceServers))) }
        if let domainName = described["Domain"] ?? described["CustomDomain"] {
            let domain = try await call("DescribeUserPoolDomain", .object([("Domain", domainName)]))["DomainDescription"] ?? .object([])
            pool.append(("Domain", .object(Self.members(of: domain, in: "CreateUserPoolDomainRequest", except: ["UserPoolId"]))))
            // The logo cannot be read back through the API (GetUICustomization gives its URL): only the CSS is kept.
            do {
                if let css = try await call("GetUICustomization", poolInput)["UICustomization"]?["CSS"], css != .null {
                    pool.append(("UICustomization", .object([("CSS", css)])))
                }
            } catch {
                leftOut.append("the UI customization, as GetUICustomization failed: \(error)")
            }
        }
        var clients: [JSONNode] = []
        for summary in try await Self.pages("ListUserPoolClients", poolInput, list: "UserPoolClients", call: call) {
            let input = JSONNode.object([("UserPoolId", .string(poolID)), ("ClientId", summary["ClientId"] ?? .null)])
            let client = try await call("DescribeUserPoolClient", input)["UserPoolClient"] ?? .object([])
            var declared: [(key: String, value: JSONNode)] = [("ClientId", client["ClientId"] ?? .null)]
            declared += Self.members(of: client, in: "CreateUserPoolClientRequest", except: ["UserPoolId", "ClientSecret"])
            if let secret = client["ClientSecret"] {
                declared.append(includesClientSecrets ? ("ClientSecret", secret) : ("GenerateSecret", .bool(true)))
            }
            clients.append(.object(declared))
        }
        if !clients.isEmpty { pool.append(("Clients", .array(clients))) }
        let groups = try await Self.pages("ListGroups", poolInput, list: "Groups", call: call).map { group in
            JSONNode.object(Self.members(of: group, in: "CreateGroupRequest", except: ["UserPoolId"]))
        }
        if !groups.isEmpty { pool.append(("Groups", .array(groups))) }
        return (.object([("UserPools", .array([.object(pool)]))]), leftOut)
    }

    /// The members of `node` that the request `shape` has too, but `except`, in the shape's order.
    static func members(of node: JSONNode, in shape: String, except: Set<String>) -> [(key: String, value: JSONNode)] {
        guard case .structure(let members) = ShapeDecoding.model.shape(shape).kind else { return [] }
        return members.compactMap { member in
            guard !except.contains(member.name), let value = node[member.name], value != .null else { return nil }
            return (member.name, value)
        }
    }

    /// A schema attribute as CreateUserPool declares it: a custom one by its name without
    /// `custom:`, a standard one only where it differs from Cognito's default (required, or not
    /// mutable), `sub` never.
    static func declaredAttribute(_ attribute: JSONNode) -> JSONNode? {
        guard let name = attribute["Name"]?.string, name != "sub", var pairs = attribute.pairs else { return nil }
        if name.hasPrefix("custom:") {
            pairs = pairs.map { $0.key == "Name" ? ("Name", .string(String(name.dropFirst("custom:".count)))) : $0 }
        } else if attribute["Required"]?.bool != true, attribute["Mutable"]?.bool != false {
            return nil
        }
        return .object(Self.members(of: .object(pairs), in: "SchemaAttributeType", except: []))
    }

    /// Every element of the list a paged operation answers, page after page of the most the
    /// model allows, as the model's paginator names its members.
    static func pages(_ operation: String, _ input: JSONNode, list: String, call: Call) async throws -> [JSONNode] {
        let model = ShapeDecoding.model
        let described = model.operations.first { $0.name == operation }
        let pagination = described?.pagination
        let limit = pagination?.limitKey.flatMap { key -> (String, Int)? in
            guard let input = described?.input, case .structure(let members) = model.shape(input).kind,
                  let member = members.first(where: { $0.name == key }) else { return nil }
            return (key, model.shape(member.shape).max ?? 60)
        }
        var elements: [JSONNode] = []
        var token: JSONNode?
        repeat {
            var pairs = input.pairs ?? []
            if let (key, most) = limit { pairs.append((key, .number(String(most)))) }
            if let token { pairs.append((pagination?.inputToken ?? "NextToken", token)) }
            let page = try await call(operation, .object(pairs))
            elements += page[list]?.array ?? []
            token = page[pagination?.outputToken ?? "NextToken"]
        } while token != nil && token != .null
        return elements
    }
}
