import AWSWire
import CognitoModel
import Foundation
import GatehouseStorage

/// What Gatehouse keeps of a user pool domain in its record's document (a ``UserPoolItemRecord``
/// of kind ``UserPoolItemKind/domain`` keyed by the prefix, or ``UserPoolItemKind/customDomain``
/// keyed by the domain name): its ManagedLoginVersion and, for a custom domain, its certificate.
public struct StoredUserPoolDomain: Sendable, Equatable {
    /// 1 (the classic hosted UI) or 2 (managed login).
    public var managedLoginVersion: Int
    /// CustomDomainConfig's CertificateArn; `nil` for a prefix domain.
    public var certificateArn: String?

    /// The versions of the hosted pages CreateUserPoolDomain and UpdateUserPoolDomain accept.
    public static let managedLoginVersions = 1...2
    /// The words a prefix may not contain, in the order they are looked for.
    static let reservedWords = ["aws", "amazon", "cognito"]

    public init(managedLoginVersion: Int?, customDomainConfig: CustomDomainConfigType?) throws(AWSServiceError) {
        let version = managedLoginVersion ?? 1
        guard Self.managedLoginVersions.contains(version) else {
            throw .invalidParameterException("ManagedLoginVersion must be 1 or 2.")
        }
        self.managedLoginVersion = version
        self.certificateArn = customDomainConfig?.certificateArn
    }

    /// Decodes a record's document.
    /// - Throws: `InternalErrorException` when the document is not one this server wrote.
    public init(record: UserPoolItemRecord) throws(AWSServiceError) {
        do {
            let description = try AWSJSON.decode(DomainDescriptionType.self, from: record.document)
            guard let version = description.managedLoginVersion else { throw AWSServiceError.internalError }
            self.managedLoginVersion = version
            self.certificateArn = description.customDomainConfig?.certificateArn
        } catch {
            throw .internalError
        }
    }

    /// This domain with what an update gives changed and what it leaves out as it was.
    /// - Throws: as ``init(managedLoginVersion:customDomainConfig:)``.
    public func updated(managedLoginVersion: Int?, customDomainConfig: CustomDomainConfigType?) throws(AWSServiceError) -> StoredUserPoolDomain {
        try StoredUserPoolDomain(managedLoginVersion: managedLoginVersion ?? self.managedLoginVersion,
                                 customDomainConfig: customDomainConfig ?? self.customDomainConfig)
    }

    /// CustomDomainConfig as the API shows it; `nil` for a prefix domain.
    public var customDomainConfig: CustomDomainConfigType? { certificateArn.map { CustomDomainConfigType(certificateArn: $0) } }

    /// The kind of record this domain is stored as.
    public var kind: UserPoolItemKind { certificateArn == nil ? .domain : .customDomain }

    /// Refuses a prefix with one of Cognito's reserved words in it.
    /// - Throws: `InvalidParameterException` naming the first reserved word found.
    public static func checkPrefix(_ prefix: String) throws(AWSServiceError) {
        if let word = reservedWords.first(where: prefix.contains) {
            throw .invalidParameterException("Domain cannot contain reserved word: \(word)")
        }
    }

    /// The document to store.
    public func document() -> Data {
        Data(AWSJSON.encode(DomainDescriptionType(customDomainConfig: customDomainConfig, managedLoginVersion: managedLoginVersion)))
    }

    /// The domain as DescribeUserPoolDomain shows it, this document being the one of `record`.
    /// Version is the time of the last change (UTC, `yyyyMMddHHmmss`, as Cognito writes it).
    /// Gatehouse serves the domain itself, so there is no CloudFront distribution or S3 bucket to name.
    public func describe(_ record: UserPoolItemRecord, accountID: String) -> DomainDescriptionType {
        DomainDescriptionType(userPoolId: record.userPoolID, awsAccountId: accountID, domain: record.key,
                              version: Self.version(record.lastModifiedDate), status: .active,
                              customDomainConfig: customDomainConfig, managedLoginVersion: managedLoginVersion)
    }

    private static func version(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02d%02d%02d%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }
}
