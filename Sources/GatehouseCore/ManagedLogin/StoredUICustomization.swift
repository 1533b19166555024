import AWSWire
import CognitoModel
import Foundation
import GatehouseStorage

/// What Gatehouse keeps of SetUICustomization (a ``UserPoolItemRecord`` of kind
/// ``UserPoolItemKind/uiCustomization`` keyed by the client id, or `ALL` for the pool's): the CSS,
/// the logo and the version both are served under.
public struct StoredUICustomization: Sendable, Equatable {
    public static let allClients = "ALL"
    /// The logo's largest size: 100 KB (the branding guide).
    public static let maximumLogoBytes = 102_400

    public var css: String?
    public var logo: Data?
    /// `yyyyMMddHHmmss` of the call that set it, as Cognito's CSSVersion.
    public var version: String

    public init(css: String?, logo: Data?, version: String) {
        self.css = css
        self.logo = logo
        self.version = version
    }

    /// The version of a customization set at `date`.
    public static func version(at date: Date) -> String {
        DateFormatter.utc("yyyyMMddHHmmss").string(from: date)
    }

    /// Decodes a record's document.
    /// - Throws: `InternalErrorException` when the document is not one this server wrote.
    public init(record: UserPoolItemRecord) throws(AWSServiceError) {
        guard let fields = try? JSONNode(parsing: [UInt8](record.document)), let version = fields["v"]?.string else { throw .internalError }
        self.init(css: fields["c"]?.string, logo: fields["l"]?.string.flatMap { Data(base64Encoded: $0) }, version: version)
    }

    /// The document to store.
    public func document() -> Data {
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("v", version)
        if let css { writer.member("c", css) }
        if let logo { writer.member("l", logo.base64EncodedString()) }
        writer.endObject()
        return Data(writer.bytes)
    }

    /// As GetUICustomization shows it; `logoURL` is where the logo is served.
    public func describe(_ record: UserPoolItemRecord, logoURL: String?) -> UICustomizationType {
        UICustomizationType(userPoolId: record.userPoolID, clientId: record.key, imageUrl: logo == nil ? nil : logoURL, css: css,
                            cssVersion: version, lastModifiedDate: record.lastModifiedDate, creationDate: record.creationDate)
    }
}
