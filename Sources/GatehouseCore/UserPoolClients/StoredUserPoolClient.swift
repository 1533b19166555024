import AWSWire
import CognitoModel
import Foundation
import GatehouseStorage

/// What Gatehouse keeps of an app client in its record's document (a ``UserPoolItemRecord`` of kind
/// ``UserPoolItemKind/client``, keyed by client id): its settings as
/// DescribeUserPoolClient shows them, without the fields the record's columns hold (pool id, client
/// id, name, dates), and its secrets sealed (``ClientSecretBox``), never in the clear: the one it
/// was created with, which DescribeUserPoolClient shows, and those AddUserPoolClientSecret added.
public struct StoredUserPoolClient: JSONCodable, Sendable, Equatable {
    public var settings: UserPoolClientType
    /// The client secret it was created with, sealed for this client; `nil` for a client without
    /// one, or once DeleteUserPoolClientSecret deleted it.
    public var sealedSecret: Data?
    /// The secrets AddUserPoolClientSecret added, oldest first.
    public var addedSecrets: [AddedSecret] = []

    /// A secret AddUserPoolClientSecret added.
    public struct AddedSecret: Sendable, Equatable {
        public let id: String
        /// Kept to the millisecond.
        public let creationDate: Date
        public let sealed: Data

        public init(id: String, creationDate: Date, sealed: Data) {
            self.id = id
            self.creationDate = creationDate.roundedToMilliseconds
            self.sealed = sealed
        }
    }

    /// The most secrets a client has at once (DG: "up to two secrets per app client").
    public static let maximumSecrets = 2

    /// How many secrets the client has.
    public var secretCount: Int { (sealedSecret == nil ? 0 : 1) + addedSecrets.count }

    /// A ClientSecretId: `<client id>--<creation time>`, the form AWS documents, the time in
    /// milliseconds since 1970 (ours: the unit is not documented).
    public static func secretID(clientID: String, created: Date) -> String {
        "\(clientID)--\(created.millisecondsSince1970)"
    }

    /// Every secret as ListUserPoolClientSecrets describes it (without its value), the one the
    /// client was created with first.
    public func secretDescriptors(_ record: UserPoolItemRecord) -> [ClientSecretDescriptorType] {
        let original = sealedSecret.map { _ in
            ClientSecretDescriptorType(clientSecretId: Self.secretID(clientID: record.key, created: record.creationDate),
                                       clientSecretCreateDate: record.creationDate)
        }
        return (original.map { [$0] } ?? []) + addedSecrets.map {
            ClientSecretDescriptorType(clientSecretId: $0.id, clientSecretCreateDate: $0.creationDate)
        }
    }

    /// Every secret in the clear, opened with `box`: a call may prove itself with any.
    public func secrets(_ record: UserPoolItemRecord, box: ClientSecretBox) throws(AWSServiceError) -> [String] {
        var opened: [String] = []
        for sealed in (sealedSecret.map { [$0] } ?? []) + addedSecrets.map(\.sealed) {
            opened.append(try box.open(sealed, clientID: record.key))
        }
        return opened
    }

    public init(settings: UserPoolClientType, sealedSecret: Data?) {
        var settings = settings
        settings.userPoolId = nil
        settings.clientId = nil
        settings.clientName = nil
        settings.clientSecret = nil
        settings.creationDate = nil
        settings.lastModifiedDate = nil
        self.settings = settings
        self.sealedSecret = sealedSecret
    }

    public init(json: JSONNode) throws(JSONDecodeFailure) {
        guard case .object(let members) = json else { throw JSONDecodeFailure(expected: "structure") }
        var settings: UserPoolClientType?
        for (key, value) in members {
            switch key {
            case "Client": settings = try UserPoolClientType(json: value)
            case "SealedSecret": sealedSecret = try Self.base64(value, at: "SealedSecret")
            case "AddedSecrets":
                guard case .array(let entries) = value else { throw JSONDecodeFailure(expected: "list").inside("AddedSecrets") }
                addedSecrets = try entries.map { entry throws(JSONDecodeFailure) in
                    guard let id = entry["Id"]?.string, let created = entry["Created"], let sealed = entry["Sealed"] else {
                        throw JSONDecodeFailure(expected: "structure").inside("AddedSecrets")
                    }
                    return AddedSecret(id: id, creationDate: Date(millisecondsSince1970: try Int64(json: created)),
                                       sealed: try Self.base64(sealed, at: "AddedSecrets"))
                }
            default: break
            }
        }
        guard let settings else { throw JSONDecodeFailure(expected: "structure").inside("Client") }
        self.settings = settings
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("Client", settings)
        if let sealedSecret { writer.member("SealedSecret", sealedSecret.base64EncodedString()) }
        if !addedSecrets.isEmpty {
            writer.member("AddedSecrets", JSONNode.array(addedSecrets.map { secret in
                .object([("Id", .string(secret.id)), ("Created", .number(String(secret.creationDate.millisecondsSince1970))),
                         ("Sealed", .string(secret.sealed.base64EncodedString()))])
            }))
        }
        writer.endObject()
    }

    private static func base64(_ value: JSONNode, at member: String) throws(JSONDecodeFailure) -> Data {
        guard case .string(let text) = value, let data = Data(base64Encoded: text) else {
            throw JSONDecodeFailure(expected: "base64 string").inside(member)
        }
        return data
    }

    /// Decodes a record's document.
    /// - Throws: `InternalErrorException` when the document is not one this server wrote.
    public init(record: UserPoolItemRecord) throws(AWSServiceError) {
        do {
            self = try AWSJSON.decode(StoredUserPoolClient.self, from: record.document)
        } catch {
            throw .internalError
        }
    }

    /// The document to store.
    public func document() -> Data {
        Data(AWSJSON.encode(self))
    }

    /// The client as DescribeUserPoolClient returns it, this document being the one of `record`,
    /// its secret opened with `box`.
    public func describe(_ record: UserPoolItemRecord, box: ClientSecretBox) throws(AWSServiceError) -> UserPoolClientType {
        describe(record, secret: try sealedSecret.map { sealed throws(AWSServiceError) in try box.open(sealed, clientID: record.key) })
    }

    /// The client as DescribeUserPoolClient returns it, with `secret`, the one it was created with, already opened.
    public func describe(_ record: UserPoolItemRecord, secret: String?) -> UserPoolClientType {
        var client = settings
        client.userPoolId = record.userPoolID
        client.clientId = record.key
        client.clientName = record.name
        client.clientSecret = secret
        client.creationDate = record.creationDate
        client.lastModifiedDate = record.lastModifiedDate
        return client
    }
}
