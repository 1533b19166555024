import Crypto
@testable import GatehouseCore
import XCTest

/// The expected values come from Python's own big integers (`pow(base, exponent, N)`) and, for the
/// verifier, from pycognito's formula in Python (hashlib), not from this code.
final class PasswordVerifierTests: XCTestCase {
    func testAGeneralPowerMatchesPython() {
        let base = GMPInteger(bigEndian: hex("1234567890abcdef1234567890abcdef"))
        let exponent = GMPInteger(bigEndian: [0x10] + [UInt8](repeating: 0, count: 35) + [0x30, 0x39]) // 2^300 + 12345
        XCTAssertEqual(hexString(base.power(exponent, modulo: SRPGroup.modulus).bigEndian(count: 384)), Self.pythonPower)
    }

    func testPowersOfTheGeneratorAgreeWithGMPsAndWithTheirDefinition() {
        let two = GMPInteger(bigEndian: [2])
        for exponent: [UInt8] in [[1], [0xFF], [0x01, 0x00], [0x80] + [UInt8](repeating: 0xFF, count: 31), Array(SHA256.hash(data: [1, 2, 3]))] {
            XCTAssertEqual(SRPGroup.generatorPower(exponent),
                           two.power(GMPInteger(bigEndian: exponent), modulo: SRPGroup.modulus).bigEndian(count: 384))
        }
        XCTAssertEqual(SRPGroup.generatorPower([0]), [UInt8](repeating: 0, count: 383) + [1])
        XCTAssertEqual(SRPGroup.generatorPower([]), [UInt8](repeating: 0, count: 383) + [1])
        XCTAssertEqual(SRPGroup.generatorPower([10]), [UInt8](repeating: 0, count: 382) + [4, 0])
        // 2^3072 mod N = 2^3072 − N, which is the two's complement of N in 384 bytes.
        var complement = SRPGroup.prime.map { ~$0 }
        complement[383] &+= 1
        XCTAssertEqual(two.power(GMPInteger(bigEndian: [0x0C, 0x00]), modulo: SRPGroup.modulus).bigEndian(count: 384), complement)
        XCTAssertEqual(two.power(GMPInteger(bigEndian: []), modulo: SRPGroup.modulus).bigEndian(count: 2), [0, 1])
    }

    /// The constant-time fixed-base power (Montgomery reduction, a conditional subtraction made
    /// every time) against GMP's own power, on exponents of every length and on the edges of
    /// the reduction (all bits set, a single high bit).
    func testTheConstantTimePowerAgreesWithGMPOnManyExponents() {
        let two = GMPInteger(bigEndian: [2])
        var generator = SystemRandomNumberGenerator()
        var exponents: [[UInt8]] = (1...32).map { length in (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) } }
        exponents += [[UInt8](repeating: 0xFF, count: 32), [0x80] + [UInt8](repeating: 0, count: 31), [UInt8](repeating: 0x01, count: 32)]
        for exponent in exponents {
            XCTAssertEqual(SRPGroup.generatorPower(exponent),
                           two.publicPower(GMPInteger(bigEndian: exponent), modulo: SRPGroup.modulus).bigEndian(count: 384), "\(exponent)")
        }
    }

    func testTheVerifierIsPycognitosAndChecksThePassword() {
        let salt = hex("1a2b3c4d5e6f708192a3b4c5d6e7f801")
        let pool = "us-east-1_AbCdEf123"
        let x = PasswordVerifier.x(salt: salt, password: "P2$Sword", userIDForSRP: "alice", userPoolID: pool)
        XCTAssertEqual(hexString(x), "226362aab5ad329829de9a4cea985595ad1a5de7d3173c3384994b01b2f5ed48")
        let verifier = PasswordVerifier(salt: salt, verifier: SRPGroup.generatorPower(x))
        XCTAssertEqual(hexString(verifier.verifier), Self.pythonVerifier)
        XCTAssertTrue(verifier.matches("P2$Sword", userIDForSRP: "alice", userPoolID: pool))
        XCTAssertFalse(verifier.matches("P2$sword", userIDForSRP: "alice", userPoolID: pool))
        XCTAssertFalse(verifier.matches("P2$Sword", userIDForSRP: "alicE", userPoolID: pool))
        XCTAssertFalse(verifier.matches("P2$Sword", userIDForSRP: "alice", userPoolID: "us-east-1_AbCdEf124"))
    }

    func testFreshVerifiersHaveSaltsWhoseHexNeitherStartsWithZeroNorHasTheTopBit() {
        for _ in 0..<64 {
            let verifier = PasswordVerifier(password: "pw", userIDForSRP: "u", userPoolID: "eu-west-1_x", random: .system)
            XCTAssertEqual(verifier.salt.count, 16)
            XCTAssertTrue((0x10...0x7F).contains(verifier.salt[0]))
            XCTAssertTrue(verifier.matches("pw", userIDForSRP: "u", userPoolID: "eu-west-1_x"))
        }
    }

    private func hex(_ text: String) -> [UInt8] {
        let digits = Array(text.utf8)
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
    }

    private func hexString(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    static let pythonVerifier = """
        b8388002c93d0bc43d0b0290d9670dd6643c1a7dc0e108a62281b463a7c6c788fbbf50aa380d5676428bc223775961e0c2d06f438375eb68\
        fdbd3bbb1059c7eb0fb6eb70a3e2182ffc39489334a4510ff4453578463375c57391ea23ab727684c441bbcf093ae4df654d0b6a2cedf8b4\
        890b0b0c3aea8c34b210254bd759661f025ebe30bfcabbfcceeb9c1d6e08f674531727ef3e5795bd2ae5455340195d3f1c087bc6d7861617\
        034f68585c003afb4d48026642845a668a923b4f16d1be85075292b20ecd988f4e0c2fa03a35225319ffa827403fa067b949b0c2d5354851\
        01aa5c051e2677e87c2e851690083ec8ec342eea40d585f863b50c978ac3421dc9ad500cc36199cf88ce71078a1929455776ceed204aef00\
        8957f51c3c09eed1304aade6d4d3945d37683c010643417bd860f933fd137259cbce51235d52e6b3558db0c720a001915e3c1d9b788cd113\
        ed2b9ac04e73b7af881f58cf1735f10289e2401856815eb150e2dc0673cb72b94cdb9dcd8348b293b4a1015e2a2c0625
        """

    static let pythonPower = """
        cfe6cb1e8cdaf334ca734012249d420bdb50605e6923b4f9b875c580126e487954af1a73e9c6a819a1a59fb410715635f971bd771afe683a\
        d0c55f5c34e03a9c79ed56ba47bc42485e61f12e4cdbc3c4c7201f83159a0ea4e349a1b4518b7c4e211fa6b8edde3c2f519ccc21612bd8d5\
        39c80eda6f7ddefb1f9a03302f6d2deb66e2b37c0a96f5ca87c9f6c44f395b3845644fa945c5f3be643bfe2b0daf6ed75498b310bdaf5039\
        8ab0ac42e94dc30146bb883cda4dda143c609804186ef55bf5239015328c43660f07bea3b2a8041cb718e7a84c90c87301c4b0671e1eed65\
        5088f249edcb872a37b8dbbfe5d33545eb850e28a81390cfade743cca75c9069adeab1ab3a451fab42403ef2da4551f77e585f76ea58b7cf\
        04832013bc360b69d80f87adc3103c622beabdaf512bdad56a3b008b6ea8f6122db7767263114b14a761cbcadf7e50f7d9050d2341e87d59\
        290fa0d8d8c88f5383e7e03e52d473a41b8bb076851b3e7a9fb74105d58578c1657a64bcab764bbbf86e4943ab3f24cd
        """
}
