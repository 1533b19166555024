/// The credential scope of a SigV4 `Authorization` header:
/// `AWS4-HMAC-SHA256 Credential=AKID/20250101/us-west-2/cognito-idp/aws4_request, SignedHeaders=…, Signature=…`.
///
/// Gatehouse reads the region from it; it does not verify the signature (see docs/compatibility.md).
public struct SigV4CredentialScope: Sendable, Equatable {
    public let accessKeyID: String
    public let date: String
    public let region: String
    public let service: String

    /// Parses the header; `nil` when it is not a SigV4 header with a five-part credential scope.
    public init?(authorizationHeader header: String) {
        guard header.hasPrefix("AWS4-HMAC-SHA256"),
              let credentialStart = header.range(of: "Credential=") else { return nil }
        let credential = header[credentialStart.upperBound...].prefix { $0 != "," && $0 != " " }
        let parts = credential.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[4] == "aws4_request", !parts[2].isEmpty else { return nil }
        accessKeyID = String(parts[0])
        date = String(parts[1])
        region = String(parts[2])
        service = String(parts[3])
    }
}
