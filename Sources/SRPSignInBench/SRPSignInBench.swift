import AWSWire
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat

/// Load generator for full USER_SRP_AUTH sign-ins, which wrk cannot make (two dependent requests).
///
/// Usage: `SRPSignInBench URL PARAMS_FILE`, where PARAMS_FILE holds JSON {"UserPoolId", "ClientId",
/// "Username", "Password"}: a confirmed user with a permanent password and a client of its pool
/// that allows ALLOW_USER_SRP_AUTH. Environment: BENCH_SECONDS (default 10),
/// BENCH_SRP_CONNECTIONS (default 32), BENCH_AMZ_DATE (X-Amz-Date, default now).
///
/// Each connection signs in over and over: InitiateAuth USER_SRP_AUTH with a new A, then
/// RespondToAuthChallenge PASSWORD_VERIFIER with the claim computed from that challenge
/// (``SRPClient``). With "DeviceSignIn": "true" in PARAMS_FILE (a pool that remembers devices at
/// once), one sign-in first confirms a device, and every sign-in presents it and goes on through
/// DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER. A sign-in is completed when the last answer is
/// HTTP 200 and holds AuthenticationResult.AccessToken; any other outcome is one error. No sign-in starts after
/// BENCH_SECONDS, but those in flight finish, so the server's CPU measured around the run goes to
/// counted sign-ins. Prints one JSON object: sign_ins, errors, elapsed_seconds, connections,
/// first_error (what the first failed sign-in got, or null).
@main
struct SRPSignInBench {
    struct SignInFailed: Error, CustomStringConvertible { let description: String }

    static func main() async throws {
        let arguments = CommandLine.arguments.dropFirst()
        guard arguments.count == 2, let url = arguments.first, let paramsFile = arguments.last,
              let params = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: paramsFile))) as? [String: String]
        else {
            FileHandle.standardError.write(Data("usage: SRPSignInBench URL PARAMS_FILE\n".utf8))
            exit(2)
        }
        let environment = ProcessInfo.processInfo.environment
        let seconds = environment["BENCH_SECONDS"].flatMap(Double.init) ?? 10
        let connections = environment["BENCH_SRP_CONNECTIONS"].flatMap(Int.init) ?? 32
        let amzDate = environment["BENCH_AMZ_DATE"] ?? SigV4Signer.amzDate(Date())

        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let sender = Sender(client: client, url: url, amzDate: amzDate)
        let device = params["DeviceSignIn"] == "true" ? try await sender.confirmDevice(params) : nil
        let start = ContinuousClock.now
        let deadline = start + .seconds(seconds)
        let results = await withTaskGroup(of: (Int, Int, String?).self) { group in
            for _ in 0..<connections {
                group.addTask {
                    var signIns = 0, errors = 0
                    var firstError: String?
                    while ContinuousClock.now < deadline {
                        do {
                            try await sender.signIn(params, device: device)
                            signIns += 1
                        } catch {
                            errors += 1
                            firstError = firstError ?? "\(error)"
                        }
                    }
                    return (signIns, errors, firstError)
                }
            }
            var results: [(Int, Int, String?)] = []
            for await result in group { results.append(result) }
            return results
        }
        let elapsed = start.duration(to: .now)
        try await client.shutdown()
        let summary: [String: Any] = [
            "sign_ins": results.map(\.0).reduce(0, +), "errors": results.map(\.1).reduce(0, +),
            "elapsed_seconds": Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            "connections": connections, "first_error": results.compactMap(\.2).first ?? NSNull(),
        ]
        print(String(decoding: try JSONSerialization.data(withJSONObject: summary, options: .sortedKeys), as: UTF8.self))
    }

    /// Sends the requests of sign-ins, with bench/run.sh's headers.
    struct Sender: Sendable {
        let client: HTTPClient
        let url: String
        let amzDate: String

        /// A device confirmed by one sign-in, which the sign-ins then present.
        struct Device: Sendable {
            let key: String
            let groupKey: String
            let password: String
        }

        /// One full sign-in: USER_SRP_AUTH, PASSWORD_VERIFIER and, on `device`, DEVICE_SRP_AUTH and
        /// DEVICE_PASSWORD_VERIFIER.
        /// - Returns: AuthenticationResult.
        @discardableResult
        func signIn(_ params: [String: String], device: Device?) async throws -> [String: Any] {
            guard let clientID = params["ClientId"], let username = params["Username"], let pool = params["UserPoolId"],
                  let password = params["Password"] else { throw SignInFailed(description: "incomplete parameters") }
            let srp = SRPClient(userPoolID: pool, password: password)
            let challenge = try await post("InitiateAuth", [
                "AuthFlow": "USER_SRP_AUTH", "ClientId": clientID,
                "AuthParameters": ["USERNAME": username, "SRP_A": srp.publicValue.hex],
            ])
            guard challenge["ChallengeName"] as? String == "PASSWORD_VERIFIER",
                  let parameters = challenge["ChallengeParameters"] as? [String: String],
                  var responses = srp.passwordVerifierResponses(parameters, username: username, now: Date()) else {
                throw SignInFailed(description: "InitiateAuth -> \(challenge)")
            }
            responses["DEVICE_KEY"] = device?.key
            var result = try await answer("PASSWORD_VERIFIER", responses, session: challenge["Session"], clientID: clientID)
            if let device {
                guard result["ChallengeName"] as? String == "DEVICE_SRP_AUTH" else { throw SignInFailed(description: "PASSWORD_VERIFIER -> \(result)") }
                let deviceSRP = SRPClient(realm: device.groupKey, password: device.password)
                let verifier = try await answer("DEVICE_SRP_AUTH", ["USERNAME": username, "DEVICE_KEY": device.key, "SRP_A": deviceSRP.publicValue.hex],
                                                session: result["Session"], clientID: clientID)
                guard let parameters = verifier["ChallengeParameters"] as? [String: String],
                      let responses = deviceSRP.devicePasswordVerifierResponses(parameters, deviceKey: device.key, now: Date()) else {
                    throw SignInFailed(description: "DEVICE_SRP_AUTH -> \(verifier)")
                }
                result = try await answer("DEVICE_PASSWORD_VERIFIER", responses, session: verifier["Session"], clientID: clientID)
            }
            guard let tokens = result["AuthenticationResult"] as? [String: Any], tokens["AccessToken"] is String else {
                throw SignInFailed(description: "RespondToAuthChallenge -> \(result)")
            }
            return tokens
        }

        /// Signs in once and confirms the new device its tokens give.
        func confirmDevice(_ params: [String: String]) async throws -> Device {
            let tokens = try await signIn(params, device: nil)
            guard let metadata = tokens["NewDeviceMetadata"] as? [String: String], let key = metadata["DeviceKey"],
                  let groupKey = metadata["DeviceGroupKey"], let accessToken = tokens["AccessToken"] as? String else {
                throw SignInFailed(description: "no NewDeviceMetadata: does the pool track devices?")
            }
            let (password, config) = SRPClient.deviceSecret(groupKey: groupKey, deviceKey: key)
            _ = try await post("ConfirmDevice", ["AccessToken": accessToken, "DeviceKey": key, "DeviceSecretVerifierConfig": config])
            return Device(key: key, groupKey: groupKey, password: password)
        }

        /// RespondToAuthChallenge's JSON answer.
        func answer(_ challenge: String, _ responses: [String: String], session: Any?, clientID: String) async throws -> [String: Any] {
            var body: [String: Any] = ["ClientId": clientID, "ChallengeName": challenge, "ChallengeResponses": responses]
            body["Session"] = session
            return try await post("RespondToAuthChallenge", body)
        }

        /// The JSON answer of one request.
        /// - Throws: ``SignInFailed`` unless it is HTTP 200 with a JSON object.
        func post(_ operation: String, _ body: [String: Any]) async throws -> [String: Any] {
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-amz-json-1.1")
            request.headers.add(name: "X-Amz-Target", value: "AWSCognitoIdentityProviderService.\(operation)")
            request.headers.add(name: "X-Amz-Date", value: amzDate)
            request.headers.add(name: "Authorization", value: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\(amzDate.prefix(8))/us-east-1/"
                + "cognito-idp/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=0000")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
            let response = try await client.execute(request, timeout: .seconds(60))
            let text = try await response.body.collect(upTo: 1 << 20)
            guard response.status == .ok, let object = try? JSONSerialization.jsonObject(with: Data(buffer: text, byteTransferStrategy: .noCopy)) as? [String: Any] else {
                throw SignInFailed(description: "\(operation) -> HTTP \(response.status.code): \(String(buffer: text).prefix(500))")
            }
            return object
        }
    }
}
