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
        // Over the header's UTF-8 bytes in place: every IAM request passes through here.
        var header = header
        guard let parts = header.withUTF8(Self.credentialParts), parts.count == 5, parts[4] == "aws4_request",
              !parts[2].isEmpty else { return nil }
        accessKeyID = parts[0]
        date = parts[1]
        region = parts[2]
        service = parts[3]
    }

    /// The `/`-separated parts of the value of `Credential=` (up to the next `,` or space) in a
    /// header that starts with `AWS4-HMAC-SHA256`; `nil` without either.
    private static func credentialParts(_ header: UnsafeBufferPointer<UInt8>) -> [String]? {
        let algorithm: StaticString = "AWS4-HMAC-SHA256", marker: StaticString = "Credential="
        guard header.starts(with: bytes(of: algorithm)), let start = offset(of: marker, in: header) else { return nil }
        let credential = header[(start + marker.utf8CodeUnitCount)...].prefix { $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: " ") }
        return credential.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
    }

    /// Where `text` first occurs in `bytes`.
    private static func offset(of text: StaticString, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let text = Self.bytes(of: text)
        guard bytes.count >= text.count else { return nil }
        return (0...(bytes.count - text.count)).first { bytes[$0..<($0 + text.count)].elementsEqual(text) }
    }

    /// The UTF-8 bytes of `text`, which must have a pointer representation (more than one character).
    private static func bytes(of text: StaticString) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
    }
}
