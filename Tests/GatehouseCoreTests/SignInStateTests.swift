import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import XCTest

/// The sign-in's state, event by event: the machine's steps, the lockout, the sealed session, and
/// which sign-ins a global sign-out or a revocation ends.
final class SignInStateTests: XCTestCase {
    let key = SealingKey(key: Data(repeating: 1, count: 32))
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// Runs `events` from a fresh sign-in on `device` and returns the step after each.
    private func steps(_ facts: SignInMachine.Facts, _ events: [SignInMachine.Event],
                       device: SignInMachine.Device = .none) -> [SignInMachine.Step] {
        var progress = SignInMachine.Progress(device: device)
        return events.map { event in
            SignInMachine.apply(event, to: &progress)
            return SignInMachine.next(progress, facts: facts)
        }
    }

    func testWithoutMFAATemporaryPasswordMustBeReplacedBeforeTokens() {
        XCTAssertEqual(steps(.init(status: .confirmed, mfaConfiguration: .off, userFactors: [.smsMfa]), [.passwordVerified]),
                       [.issueTokens], "MFA OFF ignores the user's factors")
        XCTAssertEqual(steps(.init(status: .forceChangePassword, mfaConfiguration: .off), [.passwordVerified, .newPasswordSet]),
                       [.challenge(.newPasswordRequired), .issueTokens])
    }

    func testOptionalMFAChallengesOnlyUsersWithAFactor() {
        XCTAssertEqual(steps(.init(status: .confirmed, mfaConfiguration: .optional, reachableFactors: [.smsMfa]), [.passwordVerified]),
                       [.issueTokens])
        XCTAssertEqual(steps(.init(status: .confirmed, mfaConfiguration: .optional, userFactors: [.softwareTokenMfa]),
                             [.passwordVerified, .mfaPassed]),
                       [.challenge(.softwareTokenMfa), .issueTokens])
    }

    func testARememberedDeviceProvesItselfInsteadOfMFAWhenThePoolLetsIt() {
        let remembered = SignInMachine.Device.presented(key: "us-east-1_d", remembered: true)
        var totp = SignInMachine.Facts(status: .confirmed, mfaConfiguration: .on, userFactors: [.softwareTokenMfa])
        XCTAssertEqual(steps(totp, [.passwordVerified, .mfaPassed, .deviceVerified], device: remembered),
                       [.challenge(.softwareTokenMfa), .challenge(.deviceSrpAuth), .issueTokens],
                       "without ChallengeRequiredOnNewDevice the code is asked, then the device")
        totp.deviceProofReplacesMfa = true
        XCTAssertEqual(steps(totp, [.passwordVerified, .deviceVerified], device: remembered), [.challenge(.deviceSrpAuth), .issueTokens])
        for other in [SignInMachine.Device.none, .new, .presented(key: "us-east-1_d", remembered: false)] {
            XCTAssertEqual(steps(totp, [.passwordVerified, .mfaPassed], device: other), [.challenge(.softwareTokenMfa), .issueTokens],
                           "\(other) gives the second factor")
        }
        let none = SignInMachine.Facts(status: .forceChangePassword, mfaConfiguration: .off)
        XCTAssertEqual(steps(none, [.passwordVerified, .newPasswordSet, .deviceVerified], device: remembered),
                       [.challenge(.newPasswordRequired), .challenge(.deviceSrpAuth), .issueTokens],
                       "a remembered device proves itself on every sign-in, after a new password")
    }

    func testASessionKeepsItsDevice() throws {
        for device in [SignInMachine.Device.none, .new, .presented(key: "us-east-1_d", remembered: false),
                       .presented(key: "us-east-1_d", remembered: true)] {
            let session = SignInSession(challenge: .deviceSrpAuth, id: "s", userPoolID: "us-east-1_p", clientID: "c", sub: "u", username: "u",
                                        expiry: now.addingTimeInterval(60), progress: .init(device: device, deviceVerified: device == .new))
            let opened = try SignInSession(opening: session.sealed(with: key, random: .system), clientID: "c", with: key, now: now)
            XCTAssertEqual(opened, session)
        }
    }

    func testThreatProtectionRequiresMFAWhateverThePoolAndDevice() throws {
        func steps(_ facts: SignInMachine.Facts, _ events: [SignInMachine.Event], device: SignInMachine.Device = .none) -> [SignInMachine.Step] {
            var progress = SignInMachine.Progress(device: device, riskRequiresMfa: true)
            return events.map { event in
                SignInMachine.apply(event, to: &progress)
                return SignInMachine.next(progress, facts: facts)
            }
        }
        let reachable = SignInMachine.Facts(status: .confirmed, mfaConfiguration: .optional, reachableFactors: [.emailOtp])
        XCTAssertEqual(steps(reachable, [.passwordVerified, .mfaPassed]), [.challenge(.emailOtp), .issueTokens],
                       "an address the user has not turned MFA on for is challenged")
        var totp = SignInMachine.Facts(status: .confirmed, mfaConfiguration: .optional, userFactors: [.softwareTokenMfa])
        totp.deviceProofReplacesMfa = true
        XCTAssertEqual(steps(totp, [.passwordVerified, .mfaPassed, .deviceVerified], device: .presented(key: "us-east-1_d", remembered: true)),
                       [.challenge(.softwareTokenMfa), .challenge(.deviceSrpAuth), .issueTokens], "a remembered device does not stand in")
        let session = SignInSession(challenge: .emailOtp, id: "s", userPoolID: "us-east-1_p", clientID: "c", sub: "u", username: "u",
                                    expiry: now.addingTimeInterval(60), progress: .init(riskRequiresMfa: true, authEventID: "e-1"))
        XCTAssertEqual(try SignInSession(opening: session.sealed(with: key, random: .system), clientID: "c", with: key, now: now), session)
    }

    func testSeveralFactorsAreChosenUnlessOneIsPreferred() {
        let both = SignInMachine.Facts(status: .confirmed, mfaConfiguration: .optional, userFactors: [.smsMfa, .softwareTokenMfa])
        XCTAssertEqual(steps(both, [.passwordVerified, .factorChosen(.smsMfa), .mfaPassed]),
                       [.challenge(.selectMfaType), .challenge(.smsMfa), .issueTokens])
        var preferring = both
        preferring.preferred = .softwareTokenMfa
        XCTAssertEqual(steps(preferring, [.passwordVerified]), [.challenge(.softwareTokenMfa)])
        preferring.preferred = .emailOtp
        XCTAssertEqual(steps(preferring, [.passwordVerified]), [.challenge(.selectMfaType)], "a preference the user cannot use is ignored")
    }

    func testRequiredMFASetsUpAFactorBeforeTheNewPassword() {
        let unset = SignInMachine.Facts(status: .forceChangePassword, mfaConfiguration: .on)
        XCTAssertEqual(steps(unset, [.passwordVerified, .mfaSetUp, .newPasswordSet]),
                       [.challenge(.mfaSetup), .challenge(.newPasswordRequired), .issueTokens])
        let reachable = SignInMachine.Facts(status: .forceChangePassword, mfaConfiguration: .on, reachableFactors: [.smsMfa])
        XCTAssertEqual(steps(reachable, [.passwordVerified, .newPasswordSet, .mfaPassed]),
                       [.challenge(.newPasswordRequired), .challenge(.smsMfa), .issueTokens],
                       "a user the pool can reach gets that factor's code after the new password")
    }

    func testTheLockoutStartsAtTheFifthFailureAndDoublesUpToFifteenMinutes() {
        var failures = SignInFailures()
        for second in 0..<4 {
            failures.record(at: now.addingTimeInterval(Double(second)))
            XCTAssertNil(failures.lockedUntil(now: now.addingTimeInterval(Double(second))), "failure \(second + 1)")
        }
        failures.record(at: now.addingTimeInterval(4))
        XCTAssertEqual(failures.lockedUntil(now: now.addingTimeInterval(4)), now.addingTimeInterval(5), "1 s after the fifth")
        XCTAssertNil(failures.lockedUntil(now: now.addingTimeInterval(5)))
        failures.record(at: now.addingTimeInterval(5))
        XCTAssertEqual(failures.lockedUntil(now: now.addingTimeInterval(5)), now.addingTimeInterval(7), "2 s after the sixth")
        var later = now.addingTimeInterval(7)
        for _ in 0..<12 {
            failures.record(at: later)
            later = later.addingTimeInterval(1)
        }
        XCTAssertEqual(failures.count, 18)
        let last = later.addingTimeInterval(-1)
        XCTAssertEqual(failures.lockedUntil(now: last), last.addingTimeInterval(900), "at most 15 minutes")
        XCTAssertNil(failures.lockedUntil(now: last.addingTimeInterval(900)))
        failures.record(at: last.addingTimeInterval(901))
        XCTAssertEqual(failures.count, 1, "15 minutes without a failure start the count again")
    }

    func testASessionOpensOnlyForItsClientUntilItExpires() throws {
        let session = SignInSession(challenge: .newPasswordRequired, id: "id-1", userPoolID: "us-east-1_abc", clientID: "client",
                                    sub: "sub-1", username: "ada", expiry: now.addingTimeInterval(180), srpKey: [1, 2, 3], authTime: now)
        let text = session.sealed(with: key, random: .system)
        XCTAssertEqual(try SignInSession(opening: text, clientID: "client", with: key, now: now), session)
        XCTAssertThrowsError(try SignInSession(opening: text, clientID: "other", with: key, now: now)) {
            XCTAssertEqual($0 as? AWSServiceError, .notAuthorizedException("Invalid session for the user."))
        }
        XCTAssertThrowsError(try SignInSession(opening: text, clientID: "client", with: key, now: now.addingTimeInterval(180))) {
            XCTAssertEqual($0 as? AWSServiceError, .notAuthorizedException("Invalid session for the user, session is expired."))
        }
        let otherKey = SealingKey(key: Data(repeating: 2, count: 32))
        XCTAssertThrowsError(try SignInSession(opening: text, clientID: "client", with: otherKey, now: now))
        var bytes = [UInt8](Data(base64Encoded: text)!)
        bytes[20] ^= 1
        XCTAssertThrowsError(try SignInSession(opening: Data(bytes).base64EncodedString(), clientID: "client", with: key, now: now))
    }

    func testARefreshTokenIsAJWEOnlyThisKeyOpens() throws {
        let token = RefreshToken(id: "token-1", clientID: "client", sub: "sub-1", originJTI: "jti", authTime: now, expiry: now.addingTimeInterval(86_400))
        let text = token.sealed(with: key, random: .system)
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        XCTAssertEqual(parts.count, 5)
        XCTAssertEqual(parts[1], "", "no encrypted key with direct encryption")
        XCTAssertEqual(try RefreshToken(opening: text, with: key), token)
        let invalid = AWSServiceError.notAuthorizedException("Invalid Refresh Token")
        XCTAssertThrowsError(try RefreshToken(opening: text, with: SealingKey(key: Data(repeating: 2, count: 32)))) {
            XCTAssertEqual($0 as? AWSServiceError, invalid)
        }
        // Another first character of the tag: always other bytes (its last characters carry padding bits).
        let tag = parts[4]
        let tampered = parts.dropLast().joined(separator: ".") + "." + (tag.hasPrefix("A") ? "B" : "A") + tag.dropFirst()
        XCTAssertThrowsError(try RefreshToken(opening: tampered, with: key)) {
            XCTAssertEqual($0 as? AWSServiceError, invalid)
        }
    }

    func testASignInIdCarriesItsMillisecond() throws {
        let id = SignInSessionID.make(at: Date(timeIntervalSince1970: 1_800_000_000.123), random: .system)
        XCTAssertEqual(SignInSessionID.milliseconds(of: id), 1_800_000_000_123)
        XCTAssertNotNil(UUID(uuidString: id))
        XCTAssertNil(SignInSessionID.milliseconds(of: UUID().uuidString), "version 4 ids carry no time")
    }

    func testSignOutEndsEarlierSignInsAndRevocationEndsOne() {
        var user = StoredUser(username: "ada", attributes: [], status: .confirmed)
        let before = SignInSessionID.make(at: now, random: .system)
        let other = SignInSessionID.make(at: now, random: .system)
        XCTAssertTrue(user.isSignInActive(before))
        user.revokeSignIn(before, expiry: now.addingTimeInterval(60), now: now)
        XCTAssertFalse(user.isSignInActive(before))
        XCTAssertTrue(user.isSignInActive(other))
        user.revokeSignIn(other, expiry: now.addingTimeInterval(120), now: now.addingTimeInterval(61))
        XCTAssertEqual(user.revokedSignIns.map(\.id), [other], "revocations past their refresh token's expiry are forgotten")
        user.signOutEverywhere(now: now.addingTimeInterval(0.001))
        XCTAssertFalse(user.isSignInActive(SignInSessionID.make(at: now, random: .system)))
        XCTAssertTrue(user.isSignInActive(SignInSessionID.make(at: now.addingTimeInterval(0.002), random: .system)))
        let decoded = try? AWSJSON.decode(StoredUser.self, from: user.document())
        XCTAssertEqual(decoded, user)
    }

    func testARotatedRefreshTokenWorksOnlyForItsGracePeriod() {
        var user = StoredUser(username: "ada", attributes: [], status: .confirmed)
        XCTAssertTrue(user.isRefreshTokenUsable("old", now: now))
        user.rotateOut(refreshToken: "old", expiry: now.addingTimeInterval(3600), grace: 10, now: now)
        XCTAssertTrue(user.isRefreshTokenUsable("old", now: now.addingTimeInterval(9)))
        XCTAssertFalse(user.isRefreshTokenUsable("old", now: now.addingTimeInterval(10)))
        user.rotateOut(refreshToken: "old", expiry: now.addingTimeInterval(3600), grace: 10, now: now.addingTimeInterval(5))
        XCTAssertFalse(user.isRefreshTokenUsable("old", now: now.addingTimeInterval(10)), "a retry does not extend the grace")
        user.rotateOut(refreshToken: "newer", expiry: now.addingTimeInterval(7200), grace: 0, now: now.addingTimeInterval(3600))
        XCTAssertEqual(user.rotatedRefreshTokens.map(\.id), ["newer"], "expired tokens are forgotten")
        XCTAssertFalse(user.isRefreshTokenUsable("newer", now: now.addingTimeInterval(3600)), "no grace: retired at once")
    }
}

/// How many codes of one purpose a user may be sent.
final class CodeIssueLimitTests: XCTestCase {
    func testFiveCodesAnHourThenNoneUntilTheOldestIsAnHourOldAndTwentySignInCodes() throws {
        let codes = VerificationCodes(key: Data(repeating: 7, count: 32))
        var user = StoredUser(username: "ada", attributes: [], status: .confirmed)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        for minute in 0..<5 {
            try user.issueCode("12345\(minute)", .passwordReset, to: "email", sub: "s", now: start.addingTimeInterval(Double(minute) * 60),
                               codes: codes)
        }
        XCTAssertThrowsError(try user.issueCode("999999", .passwordReset, to: "email", sub: "s", now: start.addingTimeInterval(3599),
                                                codes: codes)) { XCTAssertEqual($0 as? StoredUser.CodeIssueLimitReached, .init()) }
        // The first code is an hour old: one more, and then the limit again.
        try user.issueCode("111111", .passwordReset, to: "email", sub: "s", now: start.addingTimeInterval(3601), codes: codes)
        XCTAssertThrowsError(try user.issueCode("999999", .passwordReset, to: "email", sub: "s", now: start.addingTimeInterval(3602),
                                                codes: codes))
        XCTAssertEqual(user.checkCode("111111", purpose: .passwordReset, sub: "s", now: start.addingTimeInterval(3603), codes: codes),
                       .matched, "a refused code does not replace the pending one")
        XCTAssertEqual(user.checkCode("111111", purpose: .passwordReset, sub: "s", now: start.addingTimeInterval(3604), codes: codes),
                       .expired, "a right code is used up")
        XCTAssertThrowsError(try user.issueCode("999999", .passwordReset, to: "email", sub: "s", now: start.addingTimeInterval(3605),
                                                codes: codes), "a right code does not reset the count")
        try user.issueCode("222222", .attributeVerification, to: "email", sub: "s", now: start.addingTimeInterval(3601), codes: codes)
        for second in 0..<20 {
            try user.issueCode("333333", .signIn, to: "email", sub: "s", now: start.addingTimeInterval(Double(second)), codes: codes)
        }
        XCTAssertThrowsError(try user.issueCode("444444", .signIn, to: "email", sub: "s", now: start.addingTimeInterval(20), codes: codes),
                             "20 sign-in codes an hour")
    }
}
