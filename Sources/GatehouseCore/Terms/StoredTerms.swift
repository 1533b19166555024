import AWSWire
import CognitoModel
import Foundation
import GatehouseStorage

/// What Gatehouse keeps of a terms document (CreateTerms) in its record's document: a
/// ``UserPoolItemRecord`` of kind ``UserPoolItemKind/terms``, keyed by ``key(clientID:termsName:)``
/// so that a client has one document of each name, and named by its TermsId.
public struct StoredTerms: Sendable, Equatable {
    public var termsID: String
    public var clientID: String
    public var termsName: String
    public var termsSource: TermsSourceType
    public var enforcement: TermsEnforcementType
    /// Each language's URL (`cognito:default`, `cognito:english`, …).
    public var links: [String: String]

    public init(termsID: String, clientID: String, termsName: String, termsSource: TermsSourceType, enforcement: TermsEnforcementType,
                links: [String: String]) {
        self.termsID = termsID
        self.clientID = clientID
        self.termsName = termsName
        self.termsSource = termsSource
        self.enforcement = enforcement
        self.links = links
    }

    public static let termsOfUse = "terms-of-use"
    public static let privacyPolicy = "privacy-policy"

    /// Checks that each link is a web address, which the sign-up page may link to (ours: the model's
    /// pattern takes any printable text).
    /// - Throws: `InvalidParameterException`.
    public static func checkLinks(_ links: [String: String]?) throws(AWSServiceError) {
        for url in (links ?? [:]).values where !(url.lowercased().hasPrefix("https://") || url.lowercased().hasPrefix("http://")) {
            throw .invalidParameterException("The link \(url) is not an http:// or https:// URL.")
        }
    }

    /// The record key of a client's document of one name.
    public static func key(clientID: String, termsName: String) -> String {
        "\(clientID)/\(termsName)"
    }

    public var key: String { Self.key(clientID: clientID, termsName: termsName) }

    /// Decodes a record's document.
    /// - Throws: `InternalErrorException` when the document is not one this server wrote.
    public init(record: UserPoolItemRecord) throws(AWSServiceError) {
        do {
            let terms = try AWSJSON.decode(TermsType.self, from: record.document)
            guard let id = terms.termsId, let clientID = terms.clientId, let name = terms.termsName, let source = terms.termsSource,
                  let enforcement = terms.enforcement else { throw AWSServiceError.internalError }
            self.init(termsID: id, clientID: clientID, termsName: name, termsSource: source, enforcement: enforcement, links: terms.links ?? [:])
        } catch {
            throw .internalError
        }
    }

    /// The document to store.
    public func document() -> Data {
        Data(AWSJSON.encode(TermsType(termsId: termsID, clientId: clientID, termsName: termsName, termsSource: termsSource,
                                      enforcement: enforcement, links: links)))
    }

    /// The document as DescribeTerms returns it, this being the one of `record`.
    public func describe(_ record: UserPoolItemRecord) -> TermsType {
        TermsType(termsId: termsID, userPoolId: record.userPoolID, clientId: clientID, termsName: termsName, termsSource: termsSource,
                  enforcement: enforcement, links: links, creationDate: record.creationDate, lastModifiedDate: record.lastModifiedDate)
    }

    /// The URL for the language `language` (`cognito:<language>`), else the default one, else none.
    public func link(for language: String?) -> String? {
        language.flatMap { links["cognito:\($0)"] } ?? links["cognito:default"]
    }
}
