/// Which users belong to which groups of a pool. A membership goes with its group and with its user.
public protocol GroupMembershipStore: Sendable {
    /// Makes the user keyed `userKey` a member of the group named `groupName`; a member already stays one.
    /// - Throws: ``StorageError/notFound`` when the group or the user does not exist.
    func addUserToGroup(userPoolID: String, groupName: String, userKey: String) async throws

    /// Ends a membership; a user that is not a member is no error.
    func removeUserFromGroup(userPoolID: String, groupName: String, userKey: String) async throws

    /// The groups (``UserPoolItemKind/group`` records) the user belongs to, in name order (byte
    /// order), starting after the group named `after`.
    /// - Parameter limit: at least 1.
    func groups(ofUserKey userKey: String, userPoolID: String, after: String?, limit: Int) async throws -> Page<UserPoolItemRecord>

    /// The members of a group in key order (byte order), starting after the user keyed `after`.
    /// - Parameter limit: at least 1.
    func users(inGroup groupName: String, userPoolID: String, after: String?, limit: Int) async throws -> Page<UserRecord>
}
