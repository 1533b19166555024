import AWSWire
import Foundation
import GatehouseCore
import Hummingbird

extension ConsoleFeature {
    /// What the user page's buttons do, each an operation of the API.
    enum UserAction: String, CaseIterable {
        case confirm, enable, disable, resetPassword = "reset-password", delete

        var operation: String {
            switch self {
            case .confirm: "AdminConfirmSignUp"
            case .enable: "AdminEnableUser"
            case .disable: "AdminDisableUser"
            case .resetPassword: "AdminResetUserPassword"
            case .delete: "AdminDeleteUser"
            }
        }

        var label: String {
            switch self {
            case .confirm: "Confirm sign-up"
            case .enable: "Enable"
            case .disable: "Disable"
            case .resetPassword: "Reset password"
            case .delete: "Delete user"
            }
        }

        /// What the page says once it is done.
        var done: String {
            switch self {
            case .confirm: "The sign-up is confirmed."
            case .enable: "The user is enabled."
            case .disable: "The user is disabled."
            case .resetPassword: "The password is reset: the user gets a code to choose a new one."
            case .delete: "The user is deleted."
            }
        }

        /// Whether the page offers it for a user of `status`, enabled or not.
        func applies(status: String, enabled: Bool) -> Bool {
            switch self {
            case .confirm: status == "UNCONFIRMED"
            case .enable: !enabled
            case .disable: enabled
            case .resetPassword, .delete: true
            }
        }
    }

    /// A user's path segment: its name percent-encoded.
    static func path(_ username: String) -> String {
        username.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? username
    }

    /// A pool's users, one page of ListUsers, filtered as the `filter` query says.
    func usersPage(_ poolID: String, _ request: Request, _ caller: Caller) async throws -> Response {
        let query = Self.query(request)
        let filter = query["filter"] ?? ""
        var input: [String: Any] = ["UserPoolId": poolID, "Limit": 60]
        if !filter.isEmpty { input["Filter"] = filter }
        input["PaginationToken"] = query.nonEmpty("token")
        let listed: [String: Any]
        do {
            listed = try await call("ListUsers", input, caller)
        } catch let failure as AWSServiceError where failure.type == "InvalidParameterException" {
            return caller.render("users", title: "Users", ["poolId": poolID, "filter": filter, "users": []],
                                 links: [(Self.base, "User pools"), ("\(Self.base)/pools/\(poolID)", poolID)], error: failure.message)
        }
        let users = (listed["Users"] as? [[String: Any]] ?? []).map { user in
            let attributes = user["Attributes"] as? [[String: Any]] ?? []
            return user.merging([
                "path": Self.path(user["Username"] as? String ?? ""), "enabled": (user["Enabled"] as? Bool ?? true) ? "yes" : "no",
                "created": ConsolePages.date(user["UserCreateDate"]),
                "email": attributes.first { $0["Name"] as? String == "email" }?["Value"] ?? "",
            ]) { $1 }
        }
        let next = (listed["PaginationToken"] as? String).map { token in
            var components = URLComponents()
            components.path = "\(Self.base)/pools/\(poolID)/users"
            components.queryItems = [URLQueryItem(name: "filter", value: filter), URLQueryItem(name: "token", value: token)]
            return components.string ?? ""
        }
        return caller.render("users", title: "Users", ["poolId": poolID, "filter": filter, "users": users, "next": next as Any],
                             links: [(Self.base, "User pools"), ("\(Self.base)/pools/\(poolID)", poolID)])
    }

    /// A user: attributes, status, groups, MFA, and the actions that apply.
    func userPage(_ poolID: String, _ username: String, _ caller: Caller, notice: String?) async throws -> Response {
        let user = try await call("AdminGetUser", ["UserPoolId": poolID, "Username": username], caller)
        let groups = try await call("AdminListGroupsForUser", ["UserPoolId": poolID, "Username": username, "Limit": 60], caller)["Groups"]
        let status = user["UserStatus"] as? String ?? ""
        let enabled = user["Enabled"] as? Bool ?? true
        let path = Self.path(username)
        let actions = UserAction.allCases.filter { $0.applies(status: status, enabled: enabled) }.map { action in
            ["action": action.rawValue, "label": action.label, "danger": action == .delete || action == .disable, "poolId": poolID,
             "path": path] as [String: Any]
        }
        let mfa = (user["UserMFASettingList"] as? [String])?.joined(separator: ", ")
        return caller.render("user", title: username, user.merging([
            "poolId": poolID, "path": path, "enabled": enabled ? "yes" : "no", "actions": actions,
            "created": ConsolePages.date(user["UserCreateDate"]), "modified": ConsolePages.date(user["UserLastModifiedDate"]),
            "mfa": mfa.flatMap { $0.isEmpty ? nil : $0 } ?? "none",
            "groups": (groups as? [[String: Any]] ?? []).compactMap { $0["GroupName"] as? String }.joined(separator: ", "),
        ]) { $1 }, links: [(Self.base, "User pools"), ("\(Self.base)/pools/\(poolID)", poolID), ("\(Self.base)/pools/\(poolID)/users", "Users")],
            notice: notice)
    }

    /// Creates a user (AdminCreateUser) from the users page's form, then shows it.
    func createUser(_ poolID: String, _ form: FormFields, _ caller: Caller) async throws -> Response {
        let username = form["username"] ?? ""
        var input: [String: Any] = ["UserPoolId": poolID, "Username": username]
        if let email = form["email"], !email.isEmpty {
            input["UserAttributes"] = [["Name": "email", "Value": email]]
            input["DesiredDeliveryMediums"] = ["EMAIL"]
        }
        if let password = form["temporaryPassword"], !password.isEmpty { input["TemporaryPassword"] = password }
        if form["suppress"] == "1" { input["MessageAction"] = "SUPPRESS" }
        _ = try await call("AdminCreateUser", input, caller)
        return HTMLPage.redirect(to: "\(Self.base)/pools/\(poolID)/users/\(Self.path(username))")
    }

    /// Runs a user page's action, then shows the user again (or, deleted, the pool's users).
    func act(_ action: UserAction, pool poolID: String, username: String, _ caller: Caller) async throws -> Response {
        _ = try await call(action.operation, ["UserPoolId": poolID, "Username": username], caller)
        let users = "\(Self.base)/pools/\(poolID)/users"
        return HTMLPage.redirect(to: action == .delete ? users : "\(users)/\(Self.path(username))?done=\(action.rawValue)")
    }
}
