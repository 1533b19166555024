import Crypto
import Foundation
import GatehouseCore
import _CryptoExtras

/// The arithmetic a sign-in cannot avoid, timed on this machine as the server runs it: an RS256
/// signature (RSA-2048 in OpenSSL, as the server signs; every sign-in signs an ID and an access
/// token; swift-crypto's BoringSSL beside it for comparison),
/// the check of a password given in the clear (SRP's x, then g^x from the fixed-base table), and
/// USER_SRP_AUTH's exchange (g^b, v^u, (A·v^u)^b and the key), which a device sign-in
/// (DEVICE_SRP_AUTH) runs a second time. Prints CPU milliseconds per primitive and the floor of
/// each sign-in flow: `bench/run.sh` divides the server's CPU per
/// sign-in by it. Asserts nothing.
///
/// `SignInFloorBench ROUNDS PAUSE_MICROSECONDS` also times the same arithmetic as one client signing
/// in again and again meets it: each request's share after the thread has slept for the pause (the
/// client's turn; the CPU may halt meanwhile), the SRP sign-in's in two parts as its two requests
/// run it (the exchange, then the two signatures).
@main
struct SignInFloorBench {
    static func main() throws {
        let rounds = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 400
        let message = Array(repeating: UInt8(0x61), count: 700)
        let key = TokenSigningKey.generate()
        let sign = { _ = key.sign(message) }
        let rsa = try milliseconds(rounds, sign)
        let boringKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let boring = try milliseconds(rounds) { _ = try boringKey.signature(for: message, padding: .insecurePKCS1v1_5) }

        let verifier = PasswordVerifier(password: "P2$Sword", userIDForSRP: "user", userPoolID: "us-east-1_AbCdEfGhI", random: .system)
        let checkPassword = { precondition(verifier.matches("P2$Sword", userIDForSRP: "user", userPoolID: "us-east-1_AbCdEfGhI")) }
        let password = try milliseconds(rounds, checkPassword)
        // A client's A = g^a, made the way the server makes an unknown user's verifier (g^secret).
        let clientPublic = SRPServer.hex(PasswordVerifier(unknownUserSalt: [0x42], secret: Array(repeating: 7, count: 32)).verifier)
        let runExchange = { precondition(SRPServer.exchange(clientPublicHex: clientPublic, verifier: verifier, random: .system) != nil) }
        let exchange = try milliseconds(rounds, runExchange)
        print(String(format: "rs256_sign_ms=%.4f rs256_sign_boringssl_ms=%.4f password_check_ms=%.4f srp_exchange_ms=%.4f",
                     rsa, boring, password, exchange))
        // A device sign-in adds DEVICE_SRP_AUTH's exchange, over the device's verifier.
        print(String(format: "floor_user_password_auth_ms=%.4f floor_srp_sign_in_ms=%.4f floor_device_srp_sign_in_ms=%.4f",
                     2 * rsa + password, 2 * rsa + exchange, 2 * rsa + 2 * exchange))
        if let pause = CommandLine.arguments.dropFirst(2).first.flatMap(UInt32.init) {
            let passwordAuth = try milliseconds(rounds, pausingFor: pause, [{ checkPassword(); sign(); sign() }])
            let srp = try milliseconds(rounds, pausingFor: pause, [runExchange, { sign(); sign() }])
            print(String(format: "paused_us=%u paused_floor_user_password_auth_ms=%.4f paused_floor_srp_sign_in_ms=%.4f",
                         pause, passwordAuth, srp))
        }
    }

    /// CPU milliseconds per run of all of `requests`, over `rounds` runs after a tenth as many to
    /// warm up, each request's CPU timed after sleeping for `pause` microseconds.
    static func milliseconds(_ rounds: Int, pausingFor pause: UInt32, _ requests: [() throws -> Void]) throws -> Double {
        let warmUp = max(rounds / 10, 1)
        var total = 0.0
        for round in 0..<(warmUp + rounds) {
            for request in requests {
                usleep(pause)
                let start = cpuTime()
                try request()
                if round >= warmUp { total += cpuTime() - start }
            }
        }
        return total * 1000 / Double(rounds)
    }

    /// CPU milliseconds per run of `work`, over `rounds` runs after a tenth as many to warm up.
    static func milliseconds(_ rounds: Int, _ work: () throws -> Void) throws -> Double {
        for _ in 0..<max(rounds / 10, 1) { try work() }
        let start = cpuTime()
        for _ in 0..<rounds { try work() }
        return (cpuTime() - start) * 1000 / Double(rounds)
    }

    /// This thread's CPU time in seconds.
    static func cpuTime() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
