import AWSWire
import Foundation
import GatehouseCore
import Hummingbird

extension ConsoleFeature {
    /// The console's home: the pools of a region (ListUserPools).
    func poolsPage(_ request: Request, _ caller: Caller) async throws -> Response {
        let region = Self.query(request).nonEmpty("region") ?? configuration.defaultRegion
        var pools: [[String: Any]] = []
        var token: String?
        repeat {
            var input: [String: Any] = ["MaxResults": 60]
            input["NextToken"] = token
            let page = try await call("ListUserPools", input, caller, region: region)
            pools += (page["UserPools"] as? [[String: Any]] ?? []).map { pool in
                pool.merging(["created": ConsolePages.date(pool["CreationDate"])]) { $1 }
            }
            token = page["NextToken"] as? String
        } while token != nil
        return caller.render("pools", title: "User pools", ["region": region, "pools": pools])
    }

    /// A pool: its main settings, app clients and groups, and its whole description.
    func poolPage(_ poolID: String, _ caller: Caller) async throws -> Response {
        let described = try await call("DescribeUserPool", ["UserPoolId": poolID], caller)
        let pool = described["UserPool"] as? [String: Any] ?? [:]
        let clients = try await call("ListUserPoolClients", ["UserPoolId": poolID, "MaxResults": 60], caller)["UserPoolClients"]
        let groups = try await call("ListGroups", ["UserPoolId": poolID, "Limit": 60], caller)["Groups"]
        let settings: [(String, Any?)] = [
            ("Id", pool["Id"]), ("ARN", pool["Arn"]), ("Created", ConsolePages.date(pool["CreationDate"])),
            ("Last modified", ConsolePages.date(pool["LastModifiedDate"])), ("Feature plan", pool["UserPoolTier"]),
            ("MFA", pool["MfaConfiguration"]), ("Username attributes", (pool["UsernameAttributes"] as? [String])?.joined(separator: ", ")),
            ("Domain", pool["Domain"]), ("Estimated users", pool["EstimatedNumberOfUsers"]), ("Deletion protection", pool["DeletionProtection"]),
        ]
        let text = (try? JSONSerialization.data(withJSONObject: pool, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
            .map { String(decoding: $0, as: UTF8.self) } ?? ""
        return caller.render("pool", title: pool["Name"] as? String ?? poolID, [
            "poolId": poolID, "clients": clients ?? [], "groups": groups ?? [], "described": text,
            "settings": settings.compactMap { name, value in value.map { ["name": name, "value": "\($0)"] } },
        ], links: [(Self.base, "User pools")])
    }

    /// A pool's outbox, newest first: what the server sent its users (codes and temporary
    /// passwords only in development mode). Shown to whoever may call AdminGetUser on the pool.
    func outboxPage(_ poolID: String, _ caller: Caller) async throws -> Response {
        if let key = caller.key {
            let region = UserPoolID.region(of: poolID) ?? caller.context.region
            try AdminAuthorization.check(key, action: "\(AdminAuthorization.service):AdminGetUser",
                                         resource: UserPoolID.arn(id: poolID, region: region, accountID: caller.context.accountID))
        }
        let records = try await storage.messages(userPoolID: poolID, recipient: nil, limit: 200)
        let document = (try? JSONSerialization.jsonObject(with: Data(try Outbox.document(records)))) as? [String: Any]
        let messages = (document?["Messages"] as? [[String: Any]] ?? []).map { message in
            message.merging(["sent": ConsolePages.date(message["CreationDate"])]) { $1 }
        }
        return caller.render("outbox", title: "Outbox", ["messages": messages, "developmentOutbox": configuration.developmentOutbox],
                             links: [(Self.base, "User pools"), ("\(Self.base)/pools/\(poolID)", poolID)])
    }
}
