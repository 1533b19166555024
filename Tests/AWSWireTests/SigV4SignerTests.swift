@testable import AWSWire
import Foundation
import XCTest

/// AWS's published Signature Version 4 test suite (`Fixtures/aws4_testsuite`, see its SOURCE.md):
/// for each vector, the canonical request, the string to sign and the Authorization header.
final class SigV4SignerTests: XCTestCase {
    static let suite = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/aws4_testsuite")

    /// The credentials carry the session token that the vector's canonical request shows, as
    /// botocore's own run of this suite does. Each vector is signed twice: with a fresh signing key,
    /// and with the key a ``SigV4KeyCache`` shared by every signer keeps.
    func testEveryVectorOfTheSuite() throws {
        let vectors = try Self.vectorDirectories()
        XCTAssertEqual(vectors.count, 34)
        let cache = SigV4KeyCache()
        for (directory, keyCache) in vectors.flatMap({ [($0, nil), ($0, cache)] as [(URL, SigV4KeyCache?)] }) {
            let name = directory.lastPathComponent
            func file(_ suffix: String) throws -> String {
                try String(contentsOf: directory.appendingPathComponent("\(name).\(suffix)"), encoding: .utf8)
            }
            let expectedCanonical = try file("creq")
            let token = expectedCanonical.components(separatedBy: "\n").first { $0.hasPrefix("x-amz-security-token:") }
                .map { String($0.dropFirst("x-amz-security-token:".count)) }
            let signer = SigV4Signer(credentials: AWSCredentials(accessKeyID: "AKIDEXAMPLE",
                                                                 secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                                                 sessionToken: token),
                                     region: "us-east-1", service: "service", keyCache: keyCache)
            let request = signer.prepared(try Self.request(parsing: file("req")))
            let canonical = signer.canonicalRequest(request)
            XCTAssertEqual(canonical, expectedCanonical, name)
            XCTAssertEqual(signer.stringToSign(canonicalRequest: canonical, request: request), try file("sts"), name)
            let authorization = signer.signed(request).headers.last
            XCTAssertEqual(authorization?.name, "Authorization")
            XCTAssertEqual(authorization?.value, try file("authz"), name)
        }
    }

    func testHeaderValuesLoseOuterSpacesAndRunsOfSpaces() {
        for (value, trimmed) in [("  a   b  ", "a b"), ("a b", "a b"), ("", ""), ("   ", ""), ("x\ty  z", "x\ty z"), (" é  ü ", "é ü")] {
            XCTAssertEqual(SigV4Signer.spacesTrimmed(value), trimmed, value.debugDescription)
        }
    }

    /// A cached key serves only its own secret and scope.
    func testTheKeyCacheKeepsKeysApartBySecretAndScope() {
        let cache = SigV4KeyCache()
        let request = SigV4Request(method: "GET", path: "/", headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")])
        func authorization(_ secret: String, _ region: String, cache: SigV4KeyCache?) -> String? {
            SigV4Signer(credentials: AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: secret), region: region, service: "lambda",
                        keyCache: cache).signed(request).headers.last?.value
        }
        for (secret, region) in [("one", "us-east-1"), ("two", "us-east-1"), ("two", "eu-west-1"), ("one", "us-east-1")] {
            XCTAssertEqual(authorization(secret, region, cache: cache), authorization(secret, region, cache: nil), "\(secret) \(region)")
        }
    }

    /// Every directory holding a `.req` file, sorted.
    static func vectorDirectories() throws -> [URL] {
        let enumerator = FileManager.default.enumerator(at: suite, includingPropertiesForKeys: nil)!
        return enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == "req" }
            .map { $0.deletingLastPathComponent() }.sorted { $0.path < $1.path }
    }

    /// A `.req` file: the request line (path and query percent-decoded, as the signer takes them),
    /// headers (a line starting with a space continues the header above), a blank line and the body.
    static func request(parsing text: String) throws -> SigV4Request {
        var lines = text.components(separatedBy: "\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        let target = requestLine.dropFirst().dropLast().joined(separator: " ")
        let pathAndQuery = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var headers: [(name: String, value: String)] = []
        while let line = lines.first, !line.isEmpty {
            lines.removeFirst()
            if line.first == " ", let last = headers.popLast() {
                headers.append((last.name, last.value + " " + line))
            } else if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
            }
        }
        let body = lines.dropFirst().joined(separator: "\n")
        var query: [(name: String, value: String)] = []
        for parameter in pathAndQuery.count == 2 ? pathAndQuery[1].split(separator: "&") : [] {
            let parts = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            query.append((name: decoded(parts[0]), value: parts.count == 2 ? decoded(parts[1]) : ""))
        }
        return SigV4Request(method: String(requestLine[0]), path: decoded(pathAndQuery[0]), query: query,
                            headers: headers, body: Array(body.utf8))
    }

    static func decoded(_ text: Substring) -> String { String(text).removingPercentEncoding ?? String(text) }
}
