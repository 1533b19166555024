import Crypto
import Foundation

/// AWS credentials: an access key and its secret, with a session token for temporary ones.
public struct AWSCredentials: Sendable, Equatable {
    public let accessKeyID: String
    public let secretAccessKey: String
    public let sessionToken: String?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }
}

/// An HTTP request as Signature Version 4 sees it. The path and query are the decoded text (as
/// AWS's test suite writes them); the signer encodes them.
public struct SigV4Request: Sendable {
    public var method: String
    public var path: String
    /// Name and value of each query parameter, in the request's order.
    public var query: [(name: String, value: String)]
    /// Name and value of each header, in the request's order; a name may repeat.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String, path: String, query: [(name: String, value: String)] = [],
                headers: [(name: String, value: String)], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }
}

/// Signature Version 4 (AWS4-HMAC-SHA256) for services other than S3: the path is normalized and
/// URI-encoded, every header the request has is signed, and the payload's SHA-256 is part of the
/// canonical request. https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
public struct SigV4Signer: Sendable {
    public let credentials: AWSCredentials
    public let region: String
    public let service: String
    /// Where signers that sign many requests keep the day's key.
    public let keyCache: SigV4KeyCache?

    public init(credentials: AWSCredentials, region: String, service: String, keyCache: SigV4KeyCache? = nil) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.keyCache = keyCache
    }

    /// `request` with the headers that sign it: `X-Amz-Security-Token` for temporary credentials
    /// (signed with the rest), then `Authorization`.
    /// - Precondition: `request` has an `X-Amz-Date` header (`yyyyMMdd'T'HHmmss'Z'`).
    public func signed(_ request: SigV4Request) -> SigV4Request {
        var signed = prepared(request)
        signed.headers.append(("Authorization", authorization(for: signed)))
        return signed
    }

    /// `request` with `X-Amz-Security-Token` added when the credentials have a session token and
    /// the request does not carry one yet: what ``canonicalRequest(_:)`` and
    /// ``authorization(for:)`` are computed over.
    public func prepared(_ request: SigV4Request) -> SigV4Request {
        var prepared = request
        if let token = credentials.sessionToken, !request.headers.contains(where: { $0.name.lowercased() == "x-amz-security-token" }) {
            prepared.headers.append(("X-Amz-Security-Token", token))
        }
        return prepared
    }

    /// The `Authorization` header value for a ``prepared(_:)`` request.
    public func authorization(for request: SigV4Request) -> String {
        let (signature, headers, day) = signatureAndHeaders(request)
        return "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope(date: day)), "
            + "SignedHeaders=\(headers.map(\.name).joined(separator: ";")), Signature=\(signature)"
    }

    /// The signature (lowercase hex) of the `Authorization` header of a ``prepared(_:)`` request.
    public func signature(for request: SigV4Request) -> String {
        signatureAndHeaders(request).signature
    }

    /// The signature, the canonical headers it covers and the day (`yyyyMMdd`) it is scoped to.
    private func signatureAndHeaders(_ request: SigV4Request) -> (signature: String, headers: [(name: String, value: String)], day: String) {
        let headers = Self.canonicalHeaders(request.headers)
        let date = amzDate(of: request)
        let day = String(date.prefix(8))
        let toSign = stringToSign(canonicalRequestHash: SHA256.hash(data: canonicalRequestBytes(request, headers: headers)), date: date)
        return (hexEncoded(HMAC<SHA256>.authenticationCode(for: toSign, using: signingKey(date: day))), headers, day)
    }

    /// The canonical request: method, canonical URI, canonical query, canonical headers, signed
    /// headers and the payload's hash, one per line.
    public func canonicalRequest(_ request: SigV4Request) -> String {
        String(decoding: canonicalRequestBytes(request, headers: Self.canonicalHeaders(request.headers)), as: UTF8.self)
    }

    /// ``canonicalRequest(_:)``'s UTF-8, with `request`'s headers already made canonical.
    private func canonicalRequestBytes(_ request: SigV4Request, headers: [(name: String, value: String)]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(512)
        func line(_ text: String) {
            bytes.append(contentsOf: text.utf8)
            bytes.append(UInt8(ascii: "\n"))
        }
        line(request.method)
        line(Self.canonicalURI(request.path))
        line(Self.canonicalQuery(request.query))
        for header in headers {
            bytes.append(contentsOf: header.name.utf8)
            bytes.append(UInt8(ascii: ":"))
            line(header.value)
        }
        bytes.append(UInt8(ascii: "\n"))
        for (index, header) in headers.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ";")) }
            bytes.append(contentsOf: header.name.utf8)
        }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: hexEncoded(SHA256.hash(data: request.body)).utf8)
        return bytes
    }

    /// The string to sign: algorithm, request date, credential scope and the canonical request's hash.
    public func stringToSign(canonicalRequest: String, request: SigV4Request) -> String {
        String(decoding: stringToSign(canonicalRequestHash: SHA256.hash(data: Array(canonicalRequest.utf8)), date: amzDate(of: request)),
               as: UTF8.self)
    }

    /// ``stringToSign(canonicalRequest:request:)``'s UTF-8, from the canonical request's hash and the
    /// request's `X-Amz-Date`.
    private func stringToSign(canonicalRequestHash: SHA256Digest, date: String) -> [UInt8] {
        Array("AWS4-HMAC-SHA256\n\(date)\n\(scope(date: String(date.prefix(8))))\n\(hexEncoded(canonicalRequestHash))".utf8)
    }

    func scope(date: String) -> String { "\(date)/\(region)/\(service)/aws4_request" }

    func signingKey(date: String) -> SymmetricKey {
        let derive = {
            var key = SymmetricKey(data: Array("AWS4\(credentials.secretAccessKey)".utf8))
            for part in [date, region, service, "aws4_request"] {
                key = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key))
            }
            return key
        }
        guard let keyCache else { return derive() }
        return keyCache.key(scope: scope(date: date), secret: credentials.secretAccessKey, derive: derive)
    }

    func amzDate(of request: SigV4Request) -> String {
        guard let date = request.headers.first(where: { $0.name.lowercased() == "x-amz-date" })?.value else {
            preconditionFailure("a SigV4 request needs an X-Amz-Date header")
        }
        return date
    }

    /// Lower-cased names, sorted; the values of a repeated name joined by commas in their order;
    /// each value trimmed, with runs of spaces inside made one.
    static func canonicalHeaders(_ headers: [(name: String, value: String)]) -> [(name: String, value: String)] {
        typealias Header = (name: String, order: Int, value: String)
        let lowered: [Header] = headers.enumerated().map { (offset, header) in (header.name.lowercased(), offset, header.value) }
        let sorted = lowered.sorted { (a: Header, b: Header) -> Bool in a.name == b.name ? a.order < b.order : a.name < b.name }
        var canonical: [(name: String, value: String)] = []
        canonical.reserveCapacity(sorted.count)
        for header in sorted {
            let value = spacesTrimmed(header.value)
            if canonical.last?.name == header.name {
                canonical[canonical.count - 1].value += "," + value
            } else {
                canonical.append((header.name, value))
            }
        }
        return canonical
    }

    /// `value` without leading or trailing spaces, each run of spaces inside made one (read as bytes).
    static func spacesTrimmed(_ value: String) -> String {
        var trimmed: [UInt8] = []
        trimmed.reserveCapacity(value.utf8.count)
        var pendingSpace = false
        for byte in value.utf8 {
            if byte == UInt8(ascii: " ") {
                pendingSpace = !trimmed.isEmpty
            } else {
                if pendingSpace { trimmed.append(UInt8(ascii: " ")) }
                pendingSpace = false
                trimmed.append(byte)
            }
        }
        return String(decoding: trimmed, as: UTF8.self)
    }

    /// The path without `.` and `..` segments or empty ones, each segment URI-encoded; `/` when empty.
    static func canonicalURI(_ path: String) -> String {
        let bytes = Array(path.utf8)
        var segments: [ArraySlice<UInt8>] = []
        for segment in bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            if segment.elementsEqual([UInt8(ascii: ".")]) { continue }
            if segment.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) { _ = segments.popLast(); continue }
            segments.append(segment)
        }
        var encoded: [UInt8] = [UInt8(ascii: "/")]
        encoded.reserveCapacity(bytes.count * 2)
        for (index, segment) in segments.enumerated() {
            if index > 0 { encoded.append(UInt8(ascii: "/")) }
            uriEncode(segment, into: &encoded)
        }
        if bytes.last == UInt8(ascii: "/") && !segments.isEmpty { encoded.append(UInt8(ascii: "/")) }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// Parameters URI-encoded and sorted by name, then by value.
    static func canonicalQuery(_ query: [(name: String, value: String)]) -> String {
        let encoded: [(name: String, value: String)] = query.map { (uriEncode($0.name), uriEncode($0.value)) }
        let sorted = encoded.sorted { (a: (name: String, value: String), b: (name: String, value: String)) -> Bool in
            a.name == b.name ? a.value < b.value : a.name < b.name
        }
        return sorted.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
    }

    /// The moment an `yyyyMMdd'T'HHmmss'Z'` (UTC) names, or `nil` for another form.
    public static func date(amzDate text: String) -> Date? {
        let digits = Array(text.utf8)
        guard digits.count == 16, digits[8] == UInt8(ascii: "T"), digits[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int32? {
            var value: Int32 = 0
            for digit in digits[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { return nil }
                value = value * 10 + Int32(digit - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8), let hour = number(9..<11),
              let minute = number(11..<13), let second = number(13..<15),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var parts = tm()
        (parts.tm_year, parts.tm_mon, parts.tm_mday) = (year - 1900, month - 1, day)
        (parts.tm_hour, parts.tm_min, parts.tm_sec) = (hour, minute, second)
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }

    /// `yyyyMMdd'T'HHmmss'Z'` in UTC.
    public static func amzDate(_ date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))T\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))Z"
    }

    /// RFC 3986 percent-encoding of everything but the unreserved characters, with uppercase hex.
    public static func uriEncode(_ text: String) -> String {
        var encoded: [UInt8] = []
        encoded.reserveCapacity(text.utf8.count * 2)
        uriEncode(text.utf8, into: &encoded)
        return String(decoding: encoded, as: UTF8.self)
    }

    /// ``uriEncode(_:)`` of `bytes`, appended to `encoded`.
    private static func uriEncode(_ bytes: some Sequence<UInt8>, into encoded: inout [UInt8]) {
        for byte in bytes {
            if isUnreserved(byte) {
                encoded.append(byte)
            } else {
                encoded.append(UInt8(ascii: "%"))
                encoded.append(upperHexDigits[Int(byte >> 4)])
                encoded.append(upperHexDigits[Int(byte & 0xF)])
            }
        }
    }

    private static let upperHexDigits = Array("0123456789ABCDEF".utf8)

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
        }
    }
}
