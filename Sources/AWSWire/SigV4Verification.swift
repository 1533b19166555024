import Foundation

/// Checks a request's Signature Version 4 `Authorization` header as AWS does for an
/// IAM-authorized call: its form, the credential scope (date, service), the key, the signature
/// recomputed over the request as it arrived, and the request's date within 15 minutes of now.
/// Errors are AWS's (docs/evidence/admin-authentication.md; docs/compatibility.md for the order).
public enum SigV4Verification {
    /// The request as it arrived: the raw path (with its query), the headers, the body.
    public struct Request: Sendable {
        public var method: String
        public var path: String
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]

        public init(method: String, path: String, headers: [(name: String, value: String)], body: [UInt8]) {
            self.method = method
            self.path = path
            self.headers = headers
            self.body = body
        }

        /// The values of the header `name` (lowercase), joined by commas.
        func header(_ name: String) -> String? {
            var found: String?
            for header in headers where Self.isNamed(header.name, name) {
                found = found.map { "\($0),\(header.value)" } ?? header.value
            }
            return found
        }

        /// Whether the header name `given` is `lowercase` in any case (ASCII, as header names are).
        private static func isNamed(_ given: String, _ lowercase: String) -> Bool {
            given.utf8.elementsEqual(lowercase.utf8) { byte, lower in
                byte == lower || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) && byte | 0x20 == lower
            }
        }
    }

    /// Who signed a verified request, and the region its credential scope names.
    public struct Signer: Sendable, Equatable {
        public let accessKeyID: String
        public let region: String

        public init(accessKeyID: String, region: String) {
            self.accessKeyID = accessKeyID
            self.region = region
        }
    }

    /// How far a request's date may be from the server's clock.
    public static let allowedSkew: TimeInterval = 15 * 60

    public static let invalidSignature = AWSServiceError(
        type: "InvalidSignatureException",
        message: "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key "
            + "and signing method. Consult the service documentation for details.", status: 400)
    public static let unrecognizedClient = AWSServiceError(type: "UnrecognizedClientException",
                                                           message: "The security token included in the request is invalid.", status: 400)

    /// The signer of `request`, signed for `service` with a key `secret(accessKeyID)` knows.
    /// - Parameter secret: the secret access key of a key id, `nil` for a key the server does not know.
    /// - Throws: `IncompleteSignatureException` for a malformed header, `InvalidSignatureException`
    ///   for a wrong scope, signature or date, `UnrecognizedClientException` for an unknown key.
    /// - Parameter keyCache: where the day's signing keys are kept between calls.
    public static func verify(_ request: Request, service: String, now: Date, keyCache: SigV4KeyCache? = nil,
                              secret: (String) -> String?) throws(AWSServiceError) -> Signer {
        let authorization = request.header("authorization") ?? ""
        let fields = Self.fields(authorization)
        var missing: [String] = []
        for name in ["Credential", "Signature", "SignedHeaders"] where fields[name] == nil {
            missing.append("Authorization header requires '\(name)' parameter.")
        }
        let date = request.header("x-amz-date")
        if date == nil { missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.") }
        guard authorization.hasPrefix("AWS4-HMAC-SHA256 "), missing.isEmpty, let date, let credential = fields["Credential"],
              let signature = fields["Signature"], let signedHeaders = fields["SignedHeaders"] else {
            throw incomplete((missing + ["Authorization=\(authorization)"]).joined(separator: " "))
        }
        let scope = credential.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        guard scope.count == 5, scope[4] == "aws4_request" else {
            throw incomplete("Credential should be scoped to a valid region. ")
        }
        let (keyID, day, region) = (scope[0], scope[1], scope[2])
        guard day == date.prefix(8) else {
            throw invalid("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                          + "'\(day)' != '\(date.prefix(8))', from '\(date)'.")
        }
        guard scope[3] == service else { throw invalid("Credential should be scoped to correct service: '\(service)'. ") }
        guard !region.isEmpty else { throw invalid("Credential should be scoped to a valid region. ") }
        guard let secretAccessKey = secret(keyID) else { throw unrecognizedClient }
        let names = signedHeaders.utf8.split(separator: UInt8(ascii: ";")).map { String(decoding: $0, as: UTF8.self).lowercased() }
        // AWS's signatures cover the host and the date; the signer reads the date from the signed headers.
        guard names.contains("host"), names.contains("x-amz-date") else { throw invalidSignature }
        var signed: [(name: String, value: String)] = []
        for name in names {
            guard let value = request.header(name) else { throw invalidSignature }
            signed.append((name, value))
        }
        let (path, query) = Self.pathAndQuery(request.path)
        let signer = SigV4Signer(credentials: AWSCredentials(accessKeyID: keyID, secretAccessKey: secretAccessKey), region: region,
                                 service: service, keyCache: keyCache)
        let expected = signer.signature(for: SigV4Request(method: request.method, path: path, query: query, headers: signed,
                                                          body: request.body))
        guard ConstantTime.equal(signature.utf8, expected.utf8) else { throw invalidSignature }
        guard let signedAt = SigV4Signer.date(amzDate: date) else { throw incomplete("Invalid date \(date)") }
        if signedAt < now.addingTimeInterval(-allowedSkew) {
            throw invalid("Signature expired: \(date) is now earlier than \(SigV4Signer.amzDate(now.addingTimeInterval(-allowedSkew))) "
                          + "(\(SigV4Signer.amzDate(now)) - 15 min.)")
        }
        if signedAt > now.addingTimeInterval(allowedSkew) {
            throw invalid("Signature not yet current: \(date) is still later than \(SigV4Signer.amzDate(now.addingTimeInterval(allowedSkew))) "
                          + "(\(SigV4Signer.amzDate(now)) + 15 min.)")
        }
        return Signer(accessKeyID: keyID, region: region)
    }

    /// The `Name=value` fields after the algorithm, separated by commas (read as bytes: the
    /// header is ASCII, and Character-wise splitting cost more than the signature itself).
    static func fields(_ authorization: String) -> [String: String] {
        let bytes = Array(authorization.utf8)
        guard let space = bytes.firstIndex(of: UInt8(ascii: " ")) else { return [:] }
        func trimmed(_ slice: ArraySlice<UInt8>) -> String {
            let blank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            let start = slice.firstIndex { !blank($0) } ?? slice.endIndex
            let end = slice.lastIndex { !blank($0) }.map { $0 + 1 } ?? start
            return String(decoding: slice[start..<max(start, end)], as: UTF8.self)
        }
        var fields: [String: String] = [:]
        for part in bytes[(space + 1)...].split(separator: UInt8(ascii: ",")) {
            guard let equals = part.firstIndex(of: UInt8(ascii: "=")) else { continue }
            fields[trimmed(part[..<equals])] = trimmed(part[(equals + 1)...])
        }
        return fields
    }

    /// The path and its decoded query pairs.
    static func pathAndQuery(_ target: String) -> (String, [(name: String, value: String)]) {
        guard let mark = target.firstIndex(of: "?") else { return (target, []) }
        let query = target[target.index(after: mark)...].split(separator: "&").map { item -> (name: String, value: String) in
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                String($0).removingPercentEncoding ?? String($0)
            }
            return (pair[0], pair.count > 1 ? pair[1] : "")
        }
        return (String(target[..<mark]), query)
    }

    static func incomplete(_ message: String) -> AWSServiceError {
        AWSServiceError(type: "IncompleteSignatureException", message: message, status: 400)
    }

    static func invalid(_ message: String) -> AWSServiceError {
        AWSServiceError(type: "InvalidSignatureException", message: message, status: 400)
    }
}
