import AWSWire
import Foundation
import GatehouseStorage

/// A pool's records of one kind keyed within the pool (app clients, groups): read, deleted and
/// listed only through a pool the request's region sees.
struct UserPoolItems: Sendable {
    let directory: UserPoolDirectory
    let storage: any Storage
    let pages: ListPages

    /// The pool's record of this kind and key (an app client, a group), as the request's region sees it.
    /// - Throws: `ResourceNotFoundException` for the pool first (missing, or of another region),
    ///   then `missing` when the pool has no such record.
    func record(_ kind: UserPoolItemKind, _ key: String, of userPoolID: String, context: CallContext,
                missing: AWSServiceError) async throws -> UserPoolItemRecord {
        _ = try await directory.record(userPoolID, context: context)
        guard let record = try await storage.userPoolItem(userPoolID: userPoolID, kind: kind, key: key) else { throw missing }
        return record
    }

    /// The pool's record of this kind whose name is `name` (a terms document's or a branding
    /// style's id), looked for through all of them; `nil` when none has it.
    /// - Throws: `ResourceNotFoundException` when the pool does not exist or is of another region.
    func record(_ kind: UserPoolItemKind, named name: String, of userPoolID: String, context: CallContext) async throws -> UserPoolItemRecord? {
        _ = try await directory.record(userPoolID, context: context)
        var after: String?
        repeat {
            let page = try await storage.userPoolItems(userPoolID: userPoolID, kind: kind, after: after, limit: 60)
            if let record = page.items.first(where: { $0.name == name }) { return record }
            after = page.nextCursor
        } while after != nil
        return nil
    }

    /// Stores `document` as the pool's record of this kind and key, in place of the one it has, if
    /// any (a setting kept per pool or per app client); its creation date stays.
    /// - Throws: `ResourceNotFoundException` when the pool has been deleted meanwhile.
    func save(_ kind: UserPoolItemKind, _ key: String, of userPoolID: String, document: Data, now: Date) async throws -> UserPoolItemRecord {
        while true {
            do {
                return try await storage.updateUserPoolItem(userPoolID: userPoolID, kind: kind, key: key) { record in
                    record.document = document
                    record.lastModifiedDate = now
                }
            } catch StorageError.notFound {
                let record = UserPoolItemRecord(userPoolID: userPoolID, kind: kind, key: key, name: key, creationDate: now, lastModifiedDate: now,
                                                document: document)
                do {
                    try await storage.insertUserPoolItem(record)
                    return record
                } catch StorageError.duplicate {
                    continue  // stored meanwhile by another call: update that one
                } catch StorageError.notFound {
                    throw UserPoolDirectory.poolNotFound(userPoolID)
                }
            }
        }
    }

    /// Deletes the pool's record of this kind and key.
    /// - Throws: `ResourceNotFoundException` for the pool first (missing, or of another region),
    ///   then `missing` when the pool has no such record.
    func delete(_ kind: UserPoolItemKind, _ key: String, of userPoolID: String, context: CallContext,
                missing: AWSServiceError) async throws {
        _ = try await directory.record(userPoolID, context: context)
        do {
            try await storage.deleteUserPoolItem(userPoolID: userPoolID, kind: kind, key: key)
        } catch StorageError.notFound {
            throw missing
        }
    }

    /// One page of the pool's records of this kind in key order, for the operation named `list`.
    /// - Throws: `ResourceNotFoundException` when the pool does not exist or is of another region.
    func page(_ kind: UserPoolItemKind, of userPoolID: String, list: String, nextToken: String?, limit: Int,
              context: CallContext) async throws -> (items: [UserPoolItemRecord], nextToken: String?) {
        _ = try await directory.record(userPoolID, context: context)
        return try await pages.page(of: "\(list)/\(userPoolID)", nextToken: nextToken) { after in
            try await storage.userPoolItems(userPoolID: userPoolID, kind: kind, after: after, limit: limit)
        }
    }
}
