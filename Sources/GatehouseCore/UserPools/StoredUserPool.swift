import AWSWire
import CognitoModel
import Foundation
import GatehouseStorage

/// What Gatehouse keeps of a user pool in the record's document: the pool as DescribeUserPool shows
/// it, the MFA settings that only Get/SetUserPoolMfaConfig show, and whether it ever had a domain.
///
/// The record's columns (id, name, dates) are the source of truth for those fields; ``describe(_:)``
/// copies them into the view. The document keeps only the schema attributes that differ from the
/// standard ones (``StandardSchema``), which are most of a pool's bytes otherwise.
public struct StoredUserPool: JSONCodable, Sendable, Equatable {
    public var pool: UserPoolType
    public var softwareTokenMfaConfiguration: SoftwareTokenMfaConfigType?
    public var emailMfaConfiguration: EmailMfaConfigType?
    public var webAuthnConfiguration: WebAuthnConfigurationType?
    /// Set before the pool's first domain is stored and never cleared, so a pool without it has no
    /// domain and DescribeUserPool need not look for one. (The domains themselves are records of
    /// their own, ``UserPoolItemKind/domains``.)
    public var mayHaveDomain = false

    public init(pool: UserPoolType, softwareTokenMfaConfiguration: SoftwareTokenMfaConfigType? = nil,
                emailMfaConfiguration: EmailMfaConfigType? = nil, webAuthnConfiguration: WebAuthnConfigurationType? = nil) {
        self.pool = pool
        self.softwareTokenMfaConfiguration = softwareTokenMfaConfiguration
        self.emailMfaConfiguration = emailMfaConfiguration
        self.webAuthnConfiguration = webAuthnConfiguration
    }

    public init(json: JSONNode) throws(JSONDecodeFailure) {
        guard case .object(let members) = json else { throw JSONDecodeFailure(expected: "structure") }
        var pool: UserPoolType?
        var schema: [SchemaAttributeType] = []
        for (key, value) in members {
            switch key {
            case "Pool": pool = try UserPoolType(json: value)
            case "Schema": schema = try [SchemaAttributeType](json: value)
            case "SoftwareTokenMfaConfiguration": softwareTokenMfaConfiguration = try SoftwareTokenMfaConfigType(json: value)
            case "EmailMfaConfiguration": emailMfaConfiguration = try EmailMfaConfigType(json: value)
            case "WebAuthnConfiguration": webAuthnConfiguration = try WebAuthnConfigurationType(json: value)
            case "MayHaveDomain": mayHaveDomain = try Bool(json: value)
            default: break
            }
        }
        guard var pool else { throw JSONDecodeFailure(expected: "structure").inside("Pool") }
        pool.schemaAttributes = Self.expand(schema)
        self.pool = pool
    }

    public func writeJSON(to writer: inout JSONWriter) {
        var compact = pool
        compact.schemaAttributes = nil
        writer.beginObject()
        writer.member("Pool", compact)
        writer.member("Schema", Self.differences(pool.schemaAttributes ?? []))
        if let value = softwareTokenMfaConfiguration { writer.member("SoftwareTokenMfaConfiguration", value) }
        if let value = emailMfaConfiguration { writer.member("EmailMfaConfiguration", value) }
        if let value = webAuthnConfiguration { writer.member("WebAuthnConfiguration", value) }
        if mayHaveDomain { writer.member("MayHaveDomain", true) }
        writer.endObject()
    }

    /// The attributes of `schema` that are not a standard attribute unchanged. A pool lists the
    /// standard attributes first and in order, so each is compared in place before it is looked
    /// up by name.
    static func differences(_ schema: [SchemaAttributeType]) -> [SchemaAttributeType] {
        let standard = StandardSchema.attributes
        var differences: [SchemaAttributeType] = []
        for index in schema.indices {
            if index < standard.count, schema[index] == standard[index] { continue }
            if StandardSchema.attribute(named: schema[index].name ?? "") == schema[index] { continue }
            differences.append(schema[index])
        }
        return differences
    }

    /// The full schema from the stored differences: every standard attribute in its place, replaced
    /// by its customised form where one is stored, then the custom attributes in their order.
    static func expand(_ differences: [SchemaAttributeType]) -> [SchemaAttributeType] {
        let customised = Dictionary(differences.map { ($0.name ?? "", $0) }) { first, _ in first }
        let standard = StandardSchema.attributes.map { customised[$0.name ?? ""] ?? $0 }
        return standard + differences.filter { StandardSchema.attribute(named: $0.name ?? "") == nil }
    }

    /// Whether TOTP MFA is turned on for the pool.
    public var softwareTokenMfaEnabled: Bool {
        softwareTokenMfaConfiguration?.enabled ?? false
    }

    /// Decodes a record's document.
    /// - Throws: `InternalErrorException` when the document is not one this server wrote.
    public init(record: UserPoolRecord) throws(AWSServiceError) {
        do {
            self = try AWSJSON.decode(StoredUserPool.self, from: record.document)
        } catch {
            throw .internalError
        }
    }

    /// The document to store.
    public func document() -> Data {
        Data(AWSJSON.encode(self))
    }

    /// What a list of pools shows of this pool (``UserPoolRecord/summary``): nothing for a pool
    /// without triggers (most pools), otherwise the document reduced to the pool's LambdaConfig, in
    /// the document's own shape, so that ``lambdaConfig(summary:)`` reads a summary and a whole
    /// document alike.
    public func summary() -> Data {
        guard let lambdaConfig = pool.lambdaConfig, lambdaConfig != LambdaConfigType() else { return Data() }
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("Pool", UserPoolType(lambdaConfig: lambdaConfig))
        writer.endObject()
        return Data(writer.bytes)
    }

    /// Writes this pool's document and summary into `record`.
    public func store(in record: inout UserPoolRecord) {
        record.document = document()
        record.summary = summary()
    }

    /// The LambdaConfig in a ``summary()`` (empty for an empty summary), or in a whole document
    /// (the summary of a pool stored before summaries were kept).
    /// - Throws: `InternalErrorException` when the bytes are neither.
    public static func lambdaConfig(summary: Data) throws(AWSServiceError) -> LambdaConfigType? {
        if summary.isEmpty { return LambdaConfigType() }
        do {
            return try AWSJSON.decode(Summary.self, from: summary).lambdaConfig
        } catch {
            throw .internalError
        }
    }

    /// `Pool.LambdaConfig` of a summary or a document, and nothing else of it: decoding the whole
    /// `UserPoolType` (34 members) made a 60-pool list cost a third more.
    private struct Summary: JSONDecodable {
        var lambdaConfig: LambdaConfigType?

        init(json: JSONNode) throws(JSONDecodeFailure) {
            guard case .object(let members) = json else { throw JSONDecodeFailure(expected: "structure") }
            for (key, pool) in members where key == "Pool" {
                guard case .object(let poolMembers) = pool else { throw JSONDecodeFailure(expected: "structure").inside("Pool") }
                for (key, value) in poolMembers where key == "LambdaConfig" {
                    lambdaConfig = try LambdaConfigType(json: value)
                }
            }
        }
    }

    /// The pool as DescribeUserPool returns it, this document being the one of `record`.
    public func describe(_ record: UserPoolRecord) -> UserPoolType {
        var pool = pool
        pool.id = record.id
        pool.name = record.name
        pool.creationDate = record.creationDate
        pool.lastModifiedDate = record.lastModifiedDate
        pool.estimatedNumberOfUsers = pool.estimatedNumberOfUsers ?? 0
        return pool
    }
}
