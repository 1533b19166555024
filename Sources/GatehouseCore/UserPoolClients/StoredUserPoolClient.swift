import AWSWire
import CognitoModel
import Foundation
import GatehouseStorage

/// What Gatehouse keeps of an app client in its record's document (a ``UserPoolItemRecord`` of kind
/// ``UserPoolItemKind/client``, keyed by client id): its settings as
/// DescribeUserPoolClient shows them, without the fields the record's columns hold (pool id, client
/// id, name, dates), and its secret sealed (``ClientSecretBox``), never in the clear.
public struct StoredUserPoolClient: JSONCodable, Sendable, Equatable {
    public var settings: UserPoolClientType
    /// The client secret, sealed for this client; `nil` for a client without one.
    public var sealedSecret: Data?

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
            case "SealedSecret":
                guard case .string(let text) = value, let sealed = Data(base64Encoded: text) else {
                    throw JSONDecodeFailure(expected: "base64 string").inside("SealedSecret")
                }
                sealedSecret = sealed
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
        writer.endObject()
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
        var client = settings
        client.userPoolId = record.userPoolID
        client.clientId = record.key
        client.clientName = record.name
        client.clientSecret = try sealedSecret.map { sealed throws(AWSServiceError) in try box.open(sealed, clientID: record.key) }
        client.creationDate = record.creationDate
        client.lastModifiedDate = record.lastModifiedDate
        return client
    }
}
