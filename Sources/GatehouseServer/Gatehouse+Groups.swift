import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

extension Gatehouse {
    /// The group of this name in the pool, as the request's region sees it.
    /// - Throws: `ResourceNotFoundException` for the pool first (missing, or of another region), then for the group.
    func groupRecord(_ name: String, of userPoolID: String, context: CallContext) async throws -> UserPoolItemRecord {
        _ = try await userPoolRecord(userPoolID, context: context)
        guard let record = try await storage.userPoolItem(userPoolID: userPoolID, kind: .group, key: name) else {
            throw Self.groupNotFound
        }
        return record
    }

    static let groupNotFound = AWSServiceError.resourceNotFoundException("Group not found.")
}
