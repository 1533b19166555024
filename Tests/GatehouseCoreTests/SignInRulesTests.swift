import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import XCTest

/// Sign-in's pure decisions, case by case: the flows an operation takes and a client allows, the
/// refusals of an account before and after the password, the MFA that applies, what a preference
/// may turn on, and a client's lifetimes.
final class SignInRulesTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    private func user(_ status: UserStatusType = .confirmed, _ attributes: [String: String] = [:]) -> StoredUser {
        StoredUser(username: "u", attributes: attributes.sorted { $0.key < $1.key }.map { AttributeType(name: $0.key, value: $0.value) },
                   status: status)
    }

    private func refusal(_ check: () throws(AWSServiceError) -> Void) -> AWSServiceError? {
        do {
            try check()
            return nil
        } catch {
            return error
        }
    }

    func testEachOperationTakesItsOwnFlows() {
        XCTAssertNil(refusal { () throws(AWSServiceError) in try SignInRules.checkSupported(.userPasswordAuth, among: SignInRules.initiateAuthFlows) })
        XCTAssertEqual(refusal { () throws(AWSServiceError) in try SignInRules.checkSupported(.adminUserPasswordAuth, among: SignInRules.initiateAuthFlows) },
                       .invalidParameterException("Initiate Auth method not supported."))
        XCTAssertEqual(refusal { () throws(AWSServiceError) in try SignInRules.checkSupported(.userPasswordAuth, among: SignInRules.adminInitiateAuthFlows) },
                       .invalidParameterException("Initiate Auth method not supported."))
        XCTAssertEqual(refusal { () throws(AWSServiceError) in try SignInRules.checkSupported(.userAuth, among: SignInRules.initiateAuthFlows) },
                       AWSServiceError(type: "NotImplementedException", message: "Gatehouse does not implement the USER_AUTH flow yet.",
                                       status: 400))
        XCTAssertNil(refusal { () throws(AWSServiceError) in try SignInRules.checkSupported(.customAuth, among: SignInRules.adminInitiateAuthFlows) })
    }

    func testAClientAllowsItsExplicitFlowsAndLegacyClientsAlwaysAllowSRPAndRefresh() {
        func check(_ flow: AuthFlowType, _ flows: [ExplicitAuthFlowsType]?) -> AWSServiceError? {
            refusal { () throws(AWSServiceError) in try SignInRules.checkFlowEnabled(flow, for: UserPoolClientType(explicitAuthFlows: flows)) }
        }
        XCTAssertNil(check(.userSrpAuth, nil), "a client without flows allows SRP, refresh and custom")
        XCTAssertNil(check(.refreshTokenAuth, nil))
        XCTAssertEqual(check(.userPasswordAuth, nil), .invalidParameterException("USER_PASSWORD_AUTH flow not enabled for this client"))
        XCTAssertNil(check(.userPasswordAuth, [.allowUserPasswordAuth]))
        XCTAssertEqual(check(.userSrpAuth, [.allowUserPasswordAuth]), .invalidParameterException("USER_SRP_AUTH flow not enabled for this client"))
        XCTAssertNil(check(.userSrpAuth, [.userPasswordAuth]), "legacy values always allow SRP")
        XCTAssertNil(check(.refreshToken, [.adminNoSrpAuth]), "legacy values always allow refresh")
        XCTAssertNil(check(.adminNoSrpAuth, [.allowAdminUserPasswordAuth]))
        XCTAssertEqual(check(.adminUserPasswordAuth, [.allowUserSrpAuth]), .invalidParameterException("Auth flow not enabled for this client"))
    }

    func testBeforeThePasswordADisabledLockedOutOrResetUserIsRefusedInThatOrder() {
        var account = user(.resetRequired)
        XCTAssertEqual(SignInRules.refusalBeforePassword(account, now: now), .passwordResetRequired)
        for second in 0..<5 { account.signInFailures.record(at: now.addingTimeInterval(Double(second))) }
        XCTAssertEqual(SignInRules.refusalBeforePassword(account, now: now.addingTimeInterval(4.5)), .passwordAttemptsExceeded)
        account.enabled = false
        XCTAssertEqual(SignInRules.refusalBeforePassword(account, now: now.addingTimeInterval(4.5)), .userDisabled)
        XCTAssertNil(SignInRules.refusalBeforePassword(user(), now: now))
        XCTAssertNil(SignInRules.refusalBeforePassword(user(.unconfirmed), now: now), "an unconfirmed user is refused only after its password")
    }

    func testAfterThePasswordAnExpiredTemporaryPasswordOrAnUnconfirmedUserIsRefused() {
        var temporary = user(.forceChangePassword)
        temporary.temporaryPasswordExpiry = now
        XCTAssertEqual(SignInRules.refusalAfterPassword(temporary, now: now), .temporaryPasswordExpired)
        XCTAssertNil(SignInRules.refusalAfterPassword(temporary, now: now.addingTimeInterval(-1)))
        XCTAssertEqual(SignInRules.refusalAfterPassword(user(.unconfirmed), now: now), .userNotConfirmed)
        XCTAssertNil(SignInRules.refusalAfterPassword(user(), now: now))
    }

    func testAPasswordAttemptIsDecidedCheckedAndCountedInOneStep() {
        var account = user()
        for second in 0..<4 { account.signInFailures.record(at: now.addingTimeInterval(Double(second))) }
        let before = account.signInFailures
        XCTAssertNil(SignInRules.passwordAttempt(&account, matches: { _ in true }, now: now.addingTimeInterval(4)))
        XCTAssertEqual(account.signInFailures, before, "a right password changes nothing")
        XCTAssertEqual(SignInRules.passwordAttempt(&account, matches: { _ in false }, now: now.addingTimeInterval(4)), .incorrectPassword)
        XCTAssertEqual(account.signInFailures.count, 5)
        XCTAssertEqual(SignInRules.passwordAttempt(&account, matches: { _ in
            XCTFail("a locked-out user's password is not checked")
            return true
        }, now: now.addingTimeInterval(4.5)), .passwordAttemptsExceeded)
        XCTAssertEqual(account.signInFailures.count, 5, "a refused attempt does not count")
        XCTAssertNil(SignInRules.passwordAttempt(&account, matches: { _ in true }, now: now.addingTimeInterval(5)), "the lockout ended")
        var unconfirmed = user(.unconfirmed)
        XCTAssertEqual(SignInRules.passwordAttempt(&unconfirmed, matches: { _ in true }, now: now), .userNotConfirmed)
        XCTAssertEqual(SignInRules.passwordAttempt(&unconfirmed, matches: { _ in false }, now: now), .incorrectPassword)
        account.enabled = false
        XCTAssertEqual(SignInRules.passwordAttempt(&account, matches: { _ in true }, now: now.addingTimeInterval(6)), .userDisabled)
    }

    func testACustomAnswerCountsAsWrongUntilProvenAndLocksOutApartFromPasswords() throws {
        var account = user()
        XCTAssertNil(SignInRules.customAnswerAttempt(&account, now: now))
        XCTAssertEqual(account.customChallengeFailures.count, 1, "counted before it is checked")
        SignInRules.uncountCustomAnswer(&account)
        XCTAssertEqual(account.customChallengeFailures.count, 0, "a right answer does not count")
        for second in 0..<5 { XCTAssertNil(SignInRules.customAnswerAttempt(&account, now: now.addingTimeInterval(Double(second)))) }
        XCTAssertEqual(SignInRules.customAnswerAttempt(&account, now: now.addingTimeInterval(4.5)), .passwordAttemptsExceeded)
        XCTAssertEqual(account.customChallengeFailures.count, 5, "a refused answer does not count")
        XCTAssertNil(account.signInFailures.lockedUntil(now: now.addingTimeInterval(4.5)), "passwords are not locked out")
        XCTAssertNil(SignInRules.passwordAttempt(&account, matches: { _ in true }, now: now.addingTimeInterval(4.5)))
        XCTAssertNil(SignInRules.customAnswerAttempt(&account, now: now.addingTimeInterval(5)), "the lockout ended")
        XCTAssertEqual(try AWSJSON.decode(StoredUser.self, from: account.document()).customChallengeFailures, account.customChallengeFailures)
    }

    func testASessionEndsAtItsTenthWrongMfaAnswerInARow() {
        var failures = SignInFailures()
        for answer in 1...9 {
            failures.record(at: now.addingTimeInterval(Double(answer)), session: "s1")
            XCTAssertFalse(failures.hasEnded(session: "s1"), "answer \(answer)")
        }
        failures.record(at: now.addingTimeInterval(10), session: "s2")
        XCTAssertFalse(failures.hasEnded(session: "s2"))
        XCTAssertEqual(failures.count, 10, "every session's failures count towards the lockout")
        for answer in 2...10 { failures.record(at: now.addingTimeInterval(10 + Double(answer)), session: "s2") }
        XCTAssertTrue(failures.hasEnded(session: "s2"))
        XCTAssertFalse(failures.hasEnded(session: "s1"))
        let stored = Data(AWSJSON.encode(failures))
        XCTAssertEqual(try AWSJSON.decode(SignInFailures.self, from: stored), failures)
        failures.clear()
        XCTAssertEqual(failures, SignInFailures())
    }

    func testEachRefusalIsCognitosError() {
        XCTAssertEqual(SignInRefusal.userDisabled.error, .notAuthorizedException("User is disabled."))
        XCTAssertEqual(SignInRefusal.passwordAttemptsExceeded.error, .notAuthorizedException("Password attempts exceeded"))
        XCTAssertEqual(SignInRefusal.passwordResetRequired.error, .passwordResetRequiredException("Password reset required for the user"))
        XCTAssertEqual(SignInRefusal.temporaryPasswordExpired.error,
                       .notAuthorizedException("Temporary password has expired and must be reset by an administrator."))
        XCTAssertEqual(SignInRefusal.userNotConfirmed.error, .userNotConfirmedException("User is not confirmed."))
        XCTAssertEqual(SignInRefusal.incorrectPassword.error, .notAuthorizedException("Incorrect username or password."))
    }

    func testTheMfaThatAppliesIsWhatThePoolOffersAndTheUserCanReceive() {
        let pool = SignInMfa(configuration: .optional, offered: [.smsMfa, .emailOtp])
        var account = user(.confirmed, ["phone_number": "+15550100000"])
        account.mfa.set(.smsMfa, enabled: true)
        account.mfa.set(.emailOtp, enabled: true)
        let facts = pool.facts(for: account)
        XCTAssertEqual(facts.userFactors, [.smsMfa], "EMAIL_OTP is on but the user has no email")
        XCTAssertEqual(facts.reachableFactors, [.smsMfa])
        XCTAssertEqual(SignInMfa(configuration: .off, offered: [.smsMfa]).facts(for: account).userFactors, [], "MFA OFF applies no factor")
        var legacy = user(.confirmed, ["phone_number": "+15550100000"])
        legacy.mfaOptions = [MFAOptionType(deliveryMedium: .sms, attributeName: "phone_number")]
        XCTAssertEqual(SignInMfa(configuration: .on, offered: [.smsMfa]).facts(for: legacy).userFactors, [.smsMfa],
                       "legacy MFA options turn SMS_MFA on")
    }

    func testAPreferenceTurnsOnOnlyWhatTheUserCanReceive() {
        var account = user(.confirmed, ["email": "u@example.com"])
        XCTAssertEqual(refusal { () throws(AWSServiceError) in
            try account.setMfaPreferences([.init(factor: .smsMfa, enabled: true, preferred: nil)])
        }, .invalidParameterException("User does not have delivery config set to turn on SMS_MFA"))
        XCTAssertEqual(refusal { () throws(AWSServiceError) in
            try account.setMfaPreferences([.init(factor: .softwareTokenMfa, enabled: nil, preferred: true)])
        }, .invalidParameterException("User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA"))
        XCTAssertEqual(refusal { () throws(AWSServiceError) in
            try account.setMfaPreferences([.init(factor: .emailOtp, enabled: false, preferred: true)])
        }, .invalidParameterException("EMAIL_OTP cannot be preferred and disabled."))
        XCTAssertNil(refusal { () throws(AWSServiceError) in try account.setMfaPreferences([.init(factor: .emailOtp, enabled: nil, preferred: true)]) })
        XCTAssertEqual(account.mfa.enabled, [.emailOtp])
        XCTAssertEqual(account.mfa.preferred, .emailOtp)
        XCTAssertNil(refusal { () throws(AWSServiceError) in try account.setMfaPreferences([.init(factor: .smsMfa, enabled: false, preferred: nil)]) },
                     "turning off a factor needs no address")
        XCTAssertNil(refusal { () throws(AWSServiceError) in try account.setMfaPreferences([.init(factor: .emailOtp, enabled: false, preferred: nil)]) })
        XCTAssertNil(account.mfa.preferred, "turning off the preferred factor clears the preference")
    }

    func testTokenLifetimesAreTheClientsInItsUnitsWithCognitosDefaults() {
        let defaults = TokenLifetimes(UserPoolClientType())
        XCTAssertEqual([defaults.access, defaults.id, defaults.refresh], [3_600, 3_600, 30 * 86_400])
        let set = TokenLifetimes(UserPoolClientType(refreshTokenValidity: 2, accessTokenValidity: 5, idTokenValidity: 30,
                                                    tokenValidityUnits: TokenValidityUnitsType(accessToken: .minutes, idToken: .minutes,
                                                                                               refreshToken: .hours)))
        XCTAssertEqual([set.access, set.id, set.refresh], [300, 1_800, 7_200])
        XCTAssertEqual(SignInRules.sessionLifetime(UserPoolClientType()), 180)
        XCTAssertEqual(SignInRules.sessionLifetime(UserPoolClientType(authSessionValidity: 15)), 900)
    }
}
