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
        // Byte-wise on UTF-8: every IAM request passes through here.
        let bytes = header.utf8
        let marker = "Credential=".utf8
        guard header.hasPrefix("AWS4-HMAC-SHA256"),
              let start = bytes.indices.first(where: { bytes[$0...].starts(with: marker) }) else { return nil }
        let credential = bytes[bytes.index(start, offsetBy: marker.count)...]
            .prefix { $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: " ") }
        let parts = credential.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        guard parts.count == 5, parts[4] == "aws4_request", !parts[2].isEmpty else { return nil }
        accessKeyID = parts[0]
        date = parts[1]
        region = parts[2]
        service = parts[3]
    }
}
