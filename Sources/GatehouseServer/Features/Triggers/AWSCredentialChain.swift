import AWSWire
import AsyncHTTPClient
import Foundation
import NIOCore
import Synchronization

/// The AWS credentials that sign Lambda invocations and KMS calls, found as the AWS SDKs find them: the
/// environment's access keys (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`),
/// then the profile's keys in the shared files (`AWS_PROFILE`, `~/.aws/credentials`,
/// `~/.aws/config`), then a container's credentials endpoint (`AWS_CONTAINER_CREDENTIALS_FULL_URI`
/// or `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`, with the token of
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN` or `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`), whose
/// temporary keys are fetched again five minutes before they expire. SSO, credential processes and
/// instance metadata are not read.
final class AWSCredentialChain: Sendable {
    enum Failure: Error, CustomStringConvertible {
        case none
        case container(String)

        var description: String {
            switch self {
            case .none: "no access keys in the environment or the shared files, and no container credentials endpoint"
            case .container(let reason): "the container credentials endpoint: \(reason)"
            }
        }
    }

    private enum Source {
        case keys(AWSCredentials)
        case container(url: String, token: String?, tokenFile: String?)
        case none
    }

    private let source: Source
    private let fetched = Mutex<(credentials: AWSCredentials, refreshAt: Date)?>(nil)

    /// - Parameter readFile: the text of a file, `nil` when it cannot be read.
    init(environment: [String: String], readFile: (String) -> String? = { try? String(contentsOfFile: $0, encoding: .utf8) }) {
        let profile = SharedProfileSections(profile: SharedProfileSections.profileName(environment: environment),
                                            environment: environment, readFile: readFile)
        if let keys = profile.credentials(environment: environment) {
            source = .keys(keys)
        } else if let url = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"]
                    ?? environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"].map({ "http://169.254.170.2" + $0 }) {
            source = .container(url: url, token: environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"],
                                tokenFile: environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"])
        } else {
            source = .none
        }
    }

    /// The credentials to sign with now.
    /// - Throws: ``Failure``.
    func current(http: HTTPClient) async throws -> AWSCredentials {
        switch source {
        case .keys(let keys): return keys
        case .none: throw Failure.none
        case .container(let url, let token, let tokenFile):
            if let cached = fetched.withLock({ $0 }), cached.refreshAt > Date() { return cached.credentials }
            let fresh = try await fetch(url, token: tokenFile.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) } ?? token, http: http)
            fetched.withLock { $0 = fresh }
            return fresh.credentials
        }
    }

    /// Temporary keys from a container credentials endpoint: `{"AccessKeyId", "SecretAccessKey",
    /// "Token", "Expiration"}`.
    private func fetch(_ url: String, token: String?, http: HTTPClient) async throws -> (credentials: AWSCredentials, refreshAt: Date) {
        var request = HTTPClientRequest(url: url)
        if let token { request.headers.add(name: "Authorization", value: token.trimmingWhitespace) }
        let response = try await http.execute(request, timeout: .seconds(5))
        let body = try await response.body.collect(upTo: 65_536)
        guard response.status == .ok, let node = try? JSONNode(parsing: Array(buffer: body)),
              let key = node["AccessKeyId"]?.string, let secret = node["SecretAccessKey"]?.string else {
            throw Failure.container("HTTP \(response.status.code) without AccessKeyId and SecretAccessKey")
        }
        let expiration = node["Expiration"]?.string.flatMap { try? Date($0, strategy: .iso8601) }
        return (AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: node["Token"]?.string),
                expiration.map { $0.addingTimeInterval(-300) } ?? Date().addingTimeInterval(900))
    }
}
