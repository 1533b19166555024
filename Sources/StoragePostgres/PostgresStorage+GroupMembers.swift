import Foundation
import GatehouseStorage
import PostgresNIO

extension PostgresStorage {
    /// The foreign keys make the insert fail (``StorageError/notFound``) when the group or the user
    /// does not exist, or is deleted at the same time.
    public func addUserToGroup(userPoolID: String, groupName: String, userKey: String) async throws {
        try await self.perform {
            _ = try await self.client.query(
                """
                INSERT INTO group_members (user_pool_id, group_kind, group_name, user_key)
                VALUES (\(userPoolID), 'group', \(groupName), \(userKey)) ON CONFLICT DO NOTHING
                """,
                logger: self.logger
            ).collect()
        }
    }

    public func removeUserFromGroup(userPoolID: String, groupName: String, userKey: String) async throws {
        try await self.perform {
            _ = try await self.client.query(
                "DELETE FROM group_members WHERE user_pool_id = \(userPoolID) AND group_name = \(groupName) AND user_key = \(userKey)",
                logger: self.logger
            ).collect()
        }
    }

    public func groups(ofUserKey userKey: String, userPoolID: String, after: String?, limit: Int) async throws -> Page<UserPoolItemRecord> {
        let limit = max(limit, 1)
        return try await self.perform {
            let rows = try await self.client.query(
                """
                SELECT \(unescaped: Self.itemColumns) FROM user_pool_items WHERE user_pool_id = \(userPoolID) AND kind = 'group' AND key IN (
                    SELECT group_name FROM group_members WHERE user_pool_id = \(userPoolID) AND user_key = \(userKey)
                        AND group_name > \(after ?? "") ORDER BY group_name LIMIT \(limit + 1))
                ORDER BY key
                """,
                logger: self.logger
            ).collect()
            let groups = try rows.map { try Self.decodeItem($0) }
            return Page(reading: groups, limit: limit, cursor: \.key)
        }
    }

    public func users(inGroup groupName: String, userPoolID: String, after: String?, limit: Int) async throws -> Page<UserRecord> {
        let limit = max(limit, 1)
        return try await self.perform {
            let users = try await self.fetchUsers(on: nil, """
                SELECT \(unescaped: Self.userColumns) FROM users WHERE user_pool_id = \(userPoolID) AND key IN (
                    SELECT user_key FROM group_members WHERE user_pool_id = \(userPoolID) AND group_name = \(groupName)
                        AND user_key > \(after ?? "") ORDER BY user_key LIMIT \(limit + 1))
                ORDER BY key
                """)
            return Page(reading: users, limit: limit, cursor: \.key)
        }
    }
}
