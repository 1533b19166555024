import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

extension GroupsFeature {
    /// Creates the declared group, or gives the existing one the declared description, role and
    /// precedence (an omitted one becomes none: the declaration is the group's whole state).
    /// Nothing is written when nothing differs.
    func declare(_ declared: CreateGroupRequest, context: CallContext) async throws -> DeclaredChange {
        let poolID = try declared.userPoolId.required
        let name = try declared.groupName.required
        let desired = StoredGroup(description: declared.description, roleArn: declared.roleArn, precedence: declared.precedence)
        guard let current = try await storage.userPoolItem(userPoolID: poolID, kind: .group, key: name) else {
            do {
                _ = try await createGroup(declared, context: context)
                return .created
            } catch let error as AWSServiceError where error.type == "GroupExistsException" {
                return try await declare(declared, context: context)  // another process made it
            }
        }
        guard try StoredGroup(record: current) != desired else { return .unchanged }
        let now = clock.now()
        _ = try await storage.updateUserPoolItem(userPoolID: poolID, kind: .group, key: name) { record in
            record.document = desired.document()
            record.lastModifiedDate = now
        }
        return .updated
    }
}
