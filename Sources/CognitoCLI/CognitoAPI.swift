import AWSWire
import AsyncHTTPClient
import CognitoModel
import Foundation
import NIOCore

/// The Cognito API as `gatehouse`'s other commands call it (export, mirror, apply): the endpoint,
/// region and credentials found as the AWS CLI finds them (flags, then `AWS_*` variables, then the
/// shared files), each call retried as botocore retries.
public struct CognitoAPI {
    let client: ServiceClient

    /// Why a call failed, in the AWS CLI's words.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// - Parameter endpointURL: `nil` for the profile's or AWS's.
    /// - Throws: ``Failure`` for an unknown profile, no region, or no credentials.
    public init(endpointURL: String?, region: String?, profile: String?, environment: [String: String]) throws {
        var options = GlobalOptions()
        options.endpointURL = endpointURL
        options.region = region
        options.profile = profile
        do {
            let shared = try SharedProfile.load(options: options, environment: environment) { try? String(contentsOfFile: $0, encoding: .utf8) }
            let settings = try ClientSettings.resolve(options: options, profile: shared, environment: environment, signs: true)
            client = ServiceClient(settings: settings, model: ServiceDescription.model, debug: nil)
        } catch {
            throw Failure(description: error.message)
        }
    }

    /// The endpoint calls go to.
    public var endpoint: String { client.settings.endpoint }

    /// Calls `operation` with `input`.
    /// - Returns: its output (`{}` when it has none).
    /// - Throws: ``Failure`` with the service's error, as the AWS CLI prints it.
    public func call(_ operation: String, _ input: JSONNode) async throws -> JSONNode {
        guard let modelled = client.model.operations.first(where: { $0.name == operation }) else {
            preconditionFailure("\(operation) is not an operation of the model")
        }
        do {
            let bytes = try await client.send(modelled, body: AWSJSON.encode(input), now: Date.init)
            return bytes.isEmpty ? .object([]) : try JSONNode(parsing: bytes)
        } catch let error as CommandLineError {
            throw Failure(description: error.message)
        } catch {
            throw Failure(description: "The response of \(operation) is not JSON.")
        }
    }

    /// POSTs `body` as JSON to `path` of the endpoint, signed as the API's calls are (for the service
    /// `cognito-idp`).
    /// - Returns: the answer's status and body.
    /// - Throws: ``Failure`` when the endpoint cannot be reached.
    public func post(path: String, body: [UInt8]) async throws -> (status: UInt, body: [UInt8]) {
        do {
            let request = try client.signedRequest(path: path, headers: [("Content-Type", "application/json")], body: body, date: Date())
            let response = try await HTTPClient.shared.execute(request.http, timeout: .seconds(300))
            let answer = try await response.body.collect(upTo: 64 << 20)
            return (response.status.code, Array(answer.readableBytesView))
        } catch let error as CommandLineError {
            throw Failure(description: error.message)
        } catch {
            throw Failure(description: "Could not connect to the endpoint URL: \"\(endpoint)\(path)\"")
        }
    }
}
