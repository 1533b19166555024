import Foundation
import AWSWire
@testable import GatehouseCore
import XCTest

/// SRP against a vector computed in Python with pycognito's own functions (k, u, HKDF, x) and
/// Python's integers: client A from a = 0x07×128, server b = 0x09×32, pool us-east-1_AbCdEfGhI,
/// user grace, password P2$Sword, salt 0x42 0x01…0x0F.
final class SRPServerTests: XCTestCase {
    static let poolID = "us-east-1_AbCdEfGhI"
    static let salt: [UInt8] = [0x42] + Array(1...15)
    static let verifierHex = "6417d279a7567274de4571b033846cd699c8a3ffc8edb076070415814fa2be5a9ca3ffff5679b18c08eb0a7ee976c83f5355d3006303702c811dc01989d500a11fd8e8cb9719bf5f6bf0bedb37ee050e68ad0d819fb2cdf55c42600c300cceb597e7df8743a26fa21f087053527bc6fb83518bdbc219cb84e20ca5625340d4adfaab1509bf9fc13cecbc036300ef5c77d7fc23336c545860297f429211264dbe59ce0925fbcf9a289039634923fe8918f5d2dfadd4bf605dd78883cde7556042f6380166306f8a4639c147ebea460c418784c8c72dfce522680ddabb979b6928ac1d9435ef310fbb8cec9e72e2dcdc2af243ad38516431c9aa37a3d0a78b2528318339d9d0e98f820d67902e4e015ea4250c49c7b1756f75a31b17d8a15b901705e4dd58da104f63c9da78ce32d97620190efd1312e5cef4f2e0f4273e024ed8497828c3523a57bae5d1e156ca62951844c71e1dabee92c0b85332d6f35f9b401137abeade448642fad423c6efd4e5cdcff13b805f5e97d4c14516c09260a9ed"
    static let clientPublicHex = "c3fdcbdae95a1d7b3bf193ba94ffe1763fe58e9930a4f2dc608b514387f53c0ad4f9e79a85c208239237943ff64de1247a42dfc4e3df131ae2480f5ddb105e182d666121df8b1dedf7e65f315077c558a4d0761b06ca6427a81565f88847b1fb519a1b6e85a1b59edc98ef16359ab72a38b00ddc26681084b347749b394b372d03dfea6db0a21868e9a39daa8feda9f1ff87951f186f505ed30be538a116966a5211814efb948793b4eb36a0d8bd48b4ff20786d0559f20e2af08cdb4abb0b85b3c1a4f7c47007f7b9e637fb1a23bcb15fa5a48096739d5a1ee33b99112a4630687830ff616fb181dca95d4f5d818fc3fd03b60d958548533c924259940d23fb7d0212427b9bf9ebb28b5a6bd02ac9f8cf7dbc62e21a6310ed50879e65d04c8846c19acdbb6fed0a85f85148e6df7c51f6a4fe2822d3a33a4150884303746888823450cca70872511bef5b0b2e539021c38131cbbf46f5b9954f10ee5b00eacad477685d2bd1f0c498af8a641b96b9ecd2d0a0188481fc624dd9f9aa3d6ea751"
    static let serverPublicHex = "594538a46f268c0520775f9b2b0ddb0a7b33bcbe8cef5d3c44228b09e85a6b5483a21f3b968f8e2947e1aba3807d89e6353f77592281631e87fca527db6d6a98dde2ed1ff58e33fae45e4596fcc5bfedcfde16e4601fb300e8fe4479a11dbc5c05cfe3d4bc4720a97bd460b31e196cea9a7003121a404d97215af9e85a6766f11f0b58013262e4950b28899303edbd52899052ca7d415d4c1e8490d8dbee8dcb9b2ae4aaaf1b7a3c69b4054cbb563390bea3eb44b6c4786e5469ff90d6c7e326e1879d50f638c08cb1426547aad08aff5da0f2a12b203289399d048b93dde13fbc2dd11698969c9b63ac1d7b655039f407951c32b08dca4a76a7efc5f4ef8180c47e19b73ecbbc139775ee81fa27679568ef61ec53cc97379b8975070a4e37db25ad76da16f12dbf720174168297e4f2ba40c0407935c89bcb7c8772a248843b3d9cd417f8992e11945574c5f4889515412f530e60b2cdee92f3a005d1fffe38bf27ae70086686ceb64244fc11ec6906d99319ede255ace0159353f928cce5e9"
    static let sessionKeyHex = "fac78e5415543ed6d26e28b7673363f8"
    static let signature = "rMKQuikewHPo3p6WLa1C52XVqIm4ixqDwecfPUR+pUA="
    static let deviceVerifier = "f7g1vS18EVZmVdxLJCrLin05R+o4U4VXo/2Bey5ZffmD+UM/QvaEemtpLPdyKwZtgDgSQOp+Dz3MXVvDLfI8JjUQ3fUeUbeILXFLFsxizcfu4+yeeqdQaUgQL3HgJiITxZbFSTk2NesB9v5Umz4kE5EtbYmJHiclkWbvLh+fRR0v/aL0yITHA+m2d942Pz8Tvzrwdd2sUXc3OLM7vdFOJfts1qaGa/ovF4KZjVBRqhqafTU11Nx2UzWD+FoN7buXj5aDmzhZaJQVOXjTaEPDZ3BxaXdH/0f17CTm6+F0qQ5NL3k3o6nFcIPDklI3veiLq/VptpQlHzFYxnc2q80QwTbMUfwJ6npQpv6JZ1SZWPoRWXNcJW4LttEzTrs7NSDCCVneRCeeMu5Z7/cs7o0s8r79I/c+u7TAYCqUu9ZD8g9d+TFAqIZpe2YQinlQrAIdAQ+oXyaWeSKxfjkBehL/ApNU25/7QzmUtaPM4Dr2UCOi0L0at/hyAjVSF1H12yQY"
    static let deviceServerPublicHex = "bbe60774836fe48c9272771388820ae60a5a4b0bc46c9e1049b8579f119784dc557ff63b9755aa025407b770b1c0605896a0c0803b70836b24c2371afeb6932cff796d6bbe2de0448d349eee65ca8845585f4870a591b568cdfa3c6d6f1305b344c63a2eca7194617d66bb594bd47fa000e9f926d7cb717548e51032728e169d7ad947cb7cb36ecfa424fb4ad60eec1ce5e0f5cf2f0a5085ea9886056d5d19227406901a737df7edfa368a9157ade66cfe0a5a634aca56461e4c99a76524af0088b58b560ea82ab75d300a55ca635cf71dfb5200bed986638eb163d9912ee9d8b613b80a7f31b20d7b9f3d48b10dda4b6e912596793a8887a7a78565a273368510ca9e3c7120da377f3a6344eb6e9cfbc414063225f9f9801699253ad50c4db6c18088163e7b196e57fc30aa49087faabd1dd8b851c1ed8235bd816704f7c4c83981df534c361f4f0c706a623645fdebce8b8700965c3dfaf14b31a6685a4e39ac403806b75859bade167c7f24a47c96e1be7064b89d2c62b2b20092b73a59f2"

    func testTheVerifierIsPycognitos() {
        let v = SRPGroup.generatorPower(PasswordVerifier.x(salt: Self.salt, password: "P2$Sword", userIDForSRP: "grace",
                                                            userPoolID: Self.poolID))
        XCTAssertEqual(SRPServer.hex(v), Self.verifierHex)
    }

    func testTheExchangeGivesPycognitosServerValueAndKey() throws {
        let verifier = PasswordVerifier(salt: Self.salt, verifier: try XCTUnwrap(SRPServer.bytes(hex: Self.verifierHex)))
        let exchange = try XCTUnwrap(SRPServer.exchange(clientPublicHex: Self.clientPublicHex, verifier: verifier,
                                                        random: RandomSource { [UInt8](repeating: 9, count: $0) }))
        XCTAssertEqual(exchange.serverPublicHex, Self.serverPublicHex)
        XCTAssertEqual(SRPServer.hex(exchange.sessionKey), Self.sessionKeyHex)
        let signature = SRPServer.passwordClaimSignature(sessionKey: exchange.sessionKey, userPoolID: Self.poolID, userIDForSRP: "grace",
                                                         secretBlock: Data("secret-block".utf8), timestamp: "Tue Feb 1 03:04:05 UTC 2022")
        XCTAssertEqual(signature.base64EncodedString(), Self.signature)
    }

    /// Device SRP against a vector computed with pycognito's own functions: generate_hash_device
    /// (device group key "-abcdefgh", the device password from bytes 0…39, salt a1b2…8f90, which its
    /// padding makes 17 bytes) and process_device_challenge (a = 0x07×128, so the same A as above),
    /// with the server's b = 0x09×32.
    func testADeviceProvesItsSecretAsPycognitoComputesIt() throws {
        let secret = try XCTUnwrap(PasswordVerifier(deviceSecretVerifier: Self.deviceVerifier, salt: "AKGyw9Tl9gcYKTpLXG1+j5A="))
        XCTAssertEqual(hexEncoded(secret.salt), "00a1b2c3d4e5f60718293a4b5c6d7e8f90")
        let exchange = try XCTUnwrap(SRPServer.exchange(clientPublicHex: Self.clientPublicHex, verifier: secret,
                                                        random: RandomSource { [UInt8](repeating: 9, count: $0) }))
        XCTAssertEqual(exchange.serverPublicHex, Self.deviceServerPublicHex)
        XCTAssertEqual(SRPServer.hex(exchange.sessionKey), "c478af8dfcfe7666cd1a98d02d4988ec")
        let signature = SRPServer.deviceClaimSignature(sessionKey: exchange.sessionKey, deviceGroupKey: "-abcdefgh",
                                                       deviceKey: "us-east-1_11111111-2222-3333-4444-555555555555",
                                                       secretBlock: Data("secret-block".utf8), timestamp: "Mon Jan 5 03:04:05 UTC 2026")
        XCTAssertEqual(signature.base64EncodedString(), "l8o61fxRX2ggvIEKVyWnzkc52BMBqMDIyg+tQZ9IXeA=")
    }

    func testDeviceSecretsOutsideTheGroupAreRefused() {
        let salt = "AKGyw9Tl9gcYKTpLXG1+j5A="
        let n = Data(SRPGroup.prime).base64EncodedString()
        let twoToThe3072 = Data([1] + [UInt8](repeating: 0, count: 384)).base64EncodedString()
        for verifier in ["", "AA==", "AAAA", n, twoToThe3072, Data(repeating: 0xFF, count: 400).base64EncodedString(), "not base64!"] {
            XCTAssertNil(PasswordVerifier(deviceSecretVerifier: verifier, salt: salt), verifier)
        }
        for badSalt in ["", "not base64!", Data(repeating: 1, count: 65).base64EncodedString()] {
            XCTAssertNil(PasswordVerifier(deviceSecretVerifier: Self.deviceVerifier, salt: badSalt), badSalt)
        }
        XCTAssertNotNil(PasswordVerifier(deviceSecretVerifier: "Ag==", salt: "AQ=="))
    }

    func testAClientValueThatIsZeroModuloNIsRefused() {
        let verifier = PasswordVerifier(salt: Self.salt, verifier: [1])
        for bad in ["0", "00", SRPServer.hex(SRPGroup.prime), "xyz", ""] {
            XCTAssertNil(SRPServer.exchange(clientPublicHex: bad, verifier: verifier, random: .system), bad)
        }
    }

    func testTimestampsAreReadInTheClientsForm() throws {
        let date = try XCTUnwrap(PasswordClaimTimestamp.date("Tue Feb 1 03:04:05 UTC 2022"))
        XCTAssertEqual(date, Date(timeIntervalSince1970: 1_643_684_645))
        XCTAssertEqual(PasswordClaimTimestamp.text(date), "Tue Feb 1 03:04:05 UTC 2022")
        for bad in ["Tue Feb 01 03:04:05 UTC 2022", "Wed Feb 1 03:04:05 UTC 2022", "Tue Feb 1 3:04:05 UTC 2022",
                    "Tue Feb 30 03:04:05 UTC 2022", "Tue Feb 1 03:04:05 GMT 2022", "2022-02-01T03:04:05Z",
                    "Wed Feb 29 00:00:00 UTC 2023", "Tue Feb 1 24:00:00 UTC 2022", "Tue Feb 1 03:60:05 UTC 2022"] {
            XCTAssertNil(PasswordClaimTimestamp.date(bad), bad)
        }
        XCTAssertEqual(PasswordClaimTimestamp.date("Thu Feb 29 23:59:59 UTC 2024"), Date(timeIntervalSince1970: 1_709_251_199))
        // Every 7th hour and 13th second over 30 years reads back as the calendar wrote it.
        for step in stride(from: 0, to: 30 * 365 * 86_400, by: 7 * 3600 + 13) {
            let moment = Date(timeIntervalSince1970: TimeInterval(946_684_800 + step))
            XCTAssertEqual(PasswordClaimTimestamp.date(PasswordClaimTimestamp.text(moment)), moment)
        }
        XCTAssertTrue(PasswordClaimTimestamp.isAcceptable(date, now: date.addingTimeInterval(300)))
        XCTAssertFalse(PasswordClaimTimestamp.isAcceptable(date, now: date.addingTimeInterval(301)))
        XCTAssertFalse(PasswordClaimTimestamp.isAcceptable(date, now: date.addingTimeInterval(-301)))
    }
}
