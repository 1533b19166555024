import AWSWire
import CognitoModel
import Foundation

/// What every request's bytes go through before an operation runs, for libFuzzer: the
/// `X-Amz-Target` and `Authorization` headers, an admin call's signature checked, and the body
/// decoded and validated as the input of the operations whose inputs are the largest. The first byte picks the header or the operation;
/// any outcome but a crash or a hang is a pass (a malformed request must become an AWSServiceError).
enum WireFuzz {
    static let decoders: [@Sendable ([UInt8]) throws -> Void] = [
        { try AWSJSON.decodeRequest(CreateUserPoolRequest.self, from: $0).validateRequest() },
        { try AWSJSON.decodeRequest(UpdateUserPoolRequest.self, from: $0).validateRequest() },
        { try AWSJSON.decodeRequest(CreateUserPoolClientRequest.self, from: $0).validateRequest() },
        { try AWSJSON.decodeRequest(AdminCreateUserRequest.self, from: $0).validateRequest() },
        { try AWSJSON.decodeRequest(SignUpRequest.self, from: $0).validateRequest() },
        { try AWSJSON.decodeRequest(InitiateAuthRequest.self, from: $0).validateRequest() },
        { try AWSJSON.decodeRequest(RespondToAuthChallengeRequest.self, from: $0).validateRequest() },
        { try AWSJSON.decodeRequest(ListUsersRequest.self, from: $0).validateRequest() },
        { _ = try AmzTarget.operationName(header: String(decoding: $0, as: UTF8.self), targetPrefix: CognitoIdentityProvider.targetPrefix) },
        { _ = SigV4CredentialScope(authorizationHeader: String(decoding: $0, as: UTF8.self)) },
        { _ = try SigV4Verification.verify(signedRequest($0), service: "cognito-idp", now: signedAt) { $0 == "AKIDFUZZ" ? "fuzz-secret" : nil } },
    ]

    /// 2026-01-01T00:00:00Z, the date the seeds sign at.
    static let signedAt = Date(timeIntervalSince1970: 1_767_225_600)

    /// A signed call from `input`: its `Authorization` header, a line break, its `X-Amz-Date`, a
    /// line break, its body.
    static func signedRequest(_ input: [UInt8]) -> SigV4Verification.Request {
        let parts = input.split(separator: UInt8(ascii: "\n"), maxSplits: 2, omittingEmptySubsequences: false)
        func part(_ index: Int) -> [UInt8] { index < parts.count ? Array(parts[index]) : [] }
        return SigV4Verification.Request(method: "POST", path: "/", headers: [
            ("Host", "localhost"), ("X-Amz-Date", String(decoding: part(1), as: UTF8.self)),
            ("Authorization", String(decoding: part(0), as: UTF8.self)),
        ], body: part(2))
    }

    /// Runs one input; errors are the expected outcome of most.
    static func run(_ input: [UInt8]) {
        guard let first = input.first else { return }
        _ = try? decoders[Int(first) % decoders.count](Array(input.dropFirst()))
    }
}

#if LIBFUZZER
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                       _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// SwiftPM links an executable to `<target>_main`: here libFuzzer's driver, with the target.
@_cdecl("WireFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments) { data, size in
        WireFuzz.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
        return 0
    }
}
#else
/// Without libFuzzer (`scripts/fuzz.sh` builds with it), the target replays the files it is given,
/// so that a crash libFuzzer found can be run again under a debugger.
@main
struct WireFuzzReplay {
    static func main() throws {
        for path in CommandLine.arguments.dropFirst() {
            WireFuzz.run(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        }
    }
}
#endif
