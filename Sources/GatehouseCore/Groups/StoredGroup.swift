import AWSWire
import CognitoModel
import Foundation
import GatehouseStorage

/// What Gatehouse keeps of a group in its record's document (a ``UserPoolItemRecord`` of kind
/// ``UserPoolItemKind/group``, keyed by the group's name, case-sensitively): its Description,
/// RoleArn and Precedence, each present only when set.
public struct StoredGroup: Sendable, Equatable {
    public var description: String?
    public var roleArn: String?
    public var precedence: Int?

    public init(description: String?, roleArn: String?, precedence: Int?) {
        self.description = description
        self.roleArn = roleArn
        self.precedence = precedence
    }

    /// Decodes a record's document.
    /// - Throws: `InternalErrorException` when the document is not one this server wrote.
    public init(record: UserPoolItemRecord) throws(AWSServiceError) {
        do {
            let group = try AWSJSON.decode(GroupType.self, from: record.document)
            self.init(description: group.description, roleArn: group.roleArn, precedence: group.precedence)
        } catch {
            throw .internalError
        }
    }

    /// The document to store.
    public func document() -> Data {
        Data(AWSJSON.encode(GroupType(description: description, roleArn: roleArn, precedence: precedence)))
    }

    /// The group as GetGroup returns it, this document being the one of `record`.
    public func describe(_ record: UserPoolItemRecord) -> GroupType {
        GroupType(groupName: record.key, userPoolId: record.userPoolID, description: description, roleArn: roleArn,
                  precedence: precedence, lastModifiedDate: record.lastModifiedDate, creationDate: record.creationDate)
    }
}
