import Foundation
import GRDB
import GatehouseStorage

extension SQLiteStorage {
    public func addUserToGroup(userPoolID: String, groupName: String, userKey: String) async throws {
        try await write { db in
            let group = try Bool.fetchOne(db.cachedStatement(sql: """
                SELECT EXISTS (SELECT 1 FROM user_pool_items WHERE user_pool_id = ? AND kind = 'group' AND key = ?)
                    AND EXISTS (SELECT 1 FROM users WHERE user_pool_id = ? AND key = ?)
                """), arguments: [userPoolID, groupName, userPoolID, userKey]) ?? false
            guard group else { throw StorageError.notFound }
            try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO group_members (user_pool_id, group_kind, group_name, user_key) VALUES (?, 'group', ?, ?)
                """).execute(arguments: [userPoolID, groupName, userKey])
        }
    }

    public func removeUserFromGroup(userPoolID: String, groupName: String, userKey: String) async throws {
        try await write { db in
            try db.cachedStatement(sql: "DELETE FROM group_members WHERE user_pool_id = ? AND group_name = ? AND user_key = ?")
                .execute(arguments: [userPoolID, groupName, userKey])
        }
    }

    public func groups(ofUserKey userKey: String, userPoolID: String, after: String?, limit: Int) async throws -> Page<UserPoolItemRecord> {
        let limit = max(limit, 1)
        let groups = try read { db in
            try Self.items(db.cachedStatement(sql: """
                SELECT \(Self.itemColumns) FROM user_pool_items WHERE user_pool_id = ? AND kind = 'group' AND key IN (
                    SELECT group_name FROM group_members WHERE user_pool_id = ? AND user_key = ? AND group_name > ?
                    ORDER BY group_name LIMIT ?)
                ORDER BY key
                """), [userPoolID, userPoolID, userKey, after ?? "", limit + 1], db)
        }
        return Page(reading: groups, limit: limit, cursor: \.key)
    }

    public func users(inGroup groupName: String, userPoolID: String, after: String?, limit: Int) async throws -> Page<UserRecord> {
        let limit = max(limit, 1)
        let users = try readUsers("""
            user_pool_id = ? AND key IN (
                SELECT user_key FROM group_members WHERE user_pool_id = ? AND group_name = ? AND user_key > ? ORDER BY user_key LIMIT ?)
            ORDER BY key
            """, [userPoolID, userPoolID, groupName, after ?? "", limit + 1])
        return Page(reading: users, limit: limit, cursor: \.key)
    }
}
