import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

extension GroupsFeature {
    /// Changes the settings the request gives and keeps the others (unlike UpdateUserPool).
    /// LastModifiedDate becomes now.
    func updateGroup(_ input: UpdateGroupRequest, context: CallContext) async throws -> UpdateGroupResponse {
        let poolID = try input.userPoolId.required
        let name = try input.groupName.required
        _ = try await directory.record(poolID, context: context)
        let now = clock.now()
        let updated: (record: UserPoolItemRecord, group: StoredGroup)
        do {
            let record = try await storage.updateUserPoolItem(userPoolID: poolID, kind: .group, key: name) { record in
                var group = try StoredGroup(record: record)
                group.description = input.description ?? group.description
                group.roleArn = input.roleArn ?? group.roleArn
                group.precedence = input.precedence ?? group.precedence
                record.lastModifiedDate = now
                record.document = group.document()
            }
            updated = (record, try StoredGroup(record: record))
        } catch StorageError.notFound {
            throw Self.groupNotFound
        }
        return UpdateGroupResponse(group: updated.group.describe(updated.record))
    }
}
