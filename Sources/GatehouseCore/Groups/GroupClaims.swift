/// What a user's groups put in its tokens: `cognito:groups` (both tokens), `cognito:roles` and
/// `cognito:preferred_role` (the ID token), as PreTokenGeneration's `groupConfiguration` shows them
/// and its `groupOverrideDetails` replaces them.
public struct GroupClaims: Sendable, Equatable {
    public var groups: [String]
    /// The IAM roles of the groups.
    public var roles: [String]
    /// The role of the group with the lowest precedence (a group without one comes last); none
    /// when groups of that precedence have different roles.
    public var preferredRole: String?

    public init(groups: [String] = [], roles: [String] = [], preferredRole: String? = nil) {
        self.groups = groups
        self.roles = roles
        self.preferredRole = preferredRole
    }

    /// The claims of the groups `groups`, by name.
    public init(_ groups: [(name: String, group: StoredGroup)]) {
        self.groups = groups.map(\.name)
        let withRoles = groups.compactMap { entry in entry.group.roleArn.map { (role: $0, precedence: entry.group.precedence ?? Int.max) } }
        roles = withRoles.map(\.role)
        let first = withRoles.map(\.precedence).min()
        let preferred = Set(withRoles.filter { $0.precedence == first }.map(\.role))
        preferredRole = preferred.count == 1 ? preferred.first : nil
    }
}
