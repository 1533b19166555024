import AWSWire
import GatehouseStorage

extension Gatehouse {
    /// The pool's record of this kind and key (an app client, a group), as the request's region sees it.
    /// - Throws: `ResourceNotFoundException` for the pool first (missing, or of another region),
    ///   then `missing` when the pool has no such record.
    func userPoolItem(_ kind: UserPoolItemKind, _ key: String, of userPoolID: String, context: CallContext,
                      missing: AWSServiceError) async throws -> UserPoolItemRecord {
        _ = try await userPoolRecord(userPoolID, context: context)
        guard let record = try await storage.userPoolItem(userPoolID: userPoolID, kind: kind, key: key) else { throw missing }
        return record
    }
}
