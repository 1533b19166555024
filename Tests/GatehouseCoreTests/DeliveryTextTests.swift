import AWSWire
import CognitoModel
@testable import GatehouseCore
import XCTest

/// Masked destinations and the texts a pool sends.
final class DeliveryTextTests: XCTestCase {
    func testDestinationsAreMaskedAsCognitoMasksThem() {
        XCTAssertEqual(DestinationMask.email("test@test.com"), "t***@t***")
        XCTAssertEqual(DestinationMask.email("Alice.B@Example.org"), "A***@E***")
        XCTAssertEqual(DestinationMask.phoneNumber("+15555550123"), "+*******0123")
        XCTAssertEqual(DestinationMask.phoneNumber("+447700900123"), "+********0123")
    }

    func testLinkEmailsLinkEachLinkTextToTheURL() {
        var pool = UserPoolType()
        var messages = UserPoolMessages(pool: pool)
        let link = messages.verificationLink(to: "http://h/confirmUser?a=1&b=2")
        XCTAssertEqual(link.subject, "Your verification link")
        XCTAssertEqual(link.body, #"Please click the link below to verify your email address. <a href="http://h/confirmUser?a=1&b=2">Verify Email</a> "#)

        pool.verificationMessageTemplate = VerificationMessageTemplateType(emailMessageByLink: "{##Go##} or {##here##}; {##} stays",
                                                                           emailSubjectByLink: "Link")
        messages = UserPoolMessages(pool: pool)
        XCTAssertEqual(messages.verificationLink(to: "u").subject, "Link")
        XCTAssertEqual(messages.verificationLink(to: "u").body, #"<a href="u">Go</a> or <a href="u">here</a>; {##} stays"#)
    }

    func testOnlyEmailsOfALinkPoolCarryLinks() {
        var pool = UserPoolType(verificationMessageTemplate: VerificationMessageTemplateType(defaultEmailOption: .confirmWithCode))
        let email = CodeDestination(attributeName: "email", address: "a@example.com")
        let phone = CodeDestination(attributeName: "phone_number", address: "+15555550123")
        XCTAssertFalse(email.carriesLink(in: pool))
        XCTAssertNoThrow(try email.checkSignUpConfirmation(in: pool, hasDomain: false))
        pool.verificationMessageTemplate?.defaultEmailOption = .confirmWithLink
        XCTAssertTrue(email.carriesLink(in: pool))
        XCTAssertFalse(phone.carriesLink(in: pool))
        XCTAssertNoThrow(try phone.checkSignUpConfirmation(in: pool, hasDomain: false))
        XCTAssertNoThrow(try email.checkSignUpConfirmation(in: pool, hasDomain: true))
        XCTAssertThrowsError(try email.checkSignUpConfirmation(in: pool, hasDomain: false)) { error in
            XCTAssertEqual(error as? AWSServiceError, CodeDestination.missingDomain)
        }
    }

    func testDefaultsTemplatesAndLegacyFields() {
        var pool = UserPoolType()
        var messages = UserPoolMessages(pool: pool)
        XCTAssertEqual(messages.verification(.email, code: "123456").subject, "Your verification code")
        XCTAssertEqual(messages.verification(.email, code: "123456").body, "Your verification code is 123456. ")
        XCTAssertNil(messages.verification(.sms, code: "123456").subject)
        XCTAssertEqual(messages.invitation(.email, username: "ann", temporaryPassword: "pw").body,
                       "Your username is ann and temporary password is pw. ")
        XCTAssertEqual(messages.sender, "no-reply@verificationemail.com")

        pool.emailVerificationMessage = "Legacy {####}"
        pool.emailVerificationSubject = "Legacy subject"
        pool.smsVerificationMessage = "Legacy SMS {####}"
        messages = UserPoolMessages(pool: pool)
        XCTAssertEqual(messages.verification(.email, code: "1").body, "Legacy 1")
        XCTAssertEqual(messages.verification(.email, code: "1").subject, "Legacy subject")
        XCTAssertEqual(messages.verification(.sms, code: "1").body, "Legacy SMS 1")

        pool.verificationMessageTemplate = VerificationMessageTemplateType(smsMessage: "T {####}", emailMessage: "Code {####}, {####}",
                                                                           emailSubject: "T subject")
        pool.adminCreateUserConfig = AdminCreateUserConfigType(inviteMessageTemplate: MessageTemplateType(
            smsMessage: "{username}/{####}", emailMessage: "Hi {username}: {####}", emailSubject: "Invited"))
        pool.emailConfiguration = EmailConfigurationType(sourceArn: "arn:aws:ses:us-east-1:123456789012:identity/ses@example.com",
                                                         replyToEmailAddress: "reply@example.com")
        messages = UserPoolMessages(pool: pool)
        XCTAssertEqual(messages.verification(.email, code: "9").body, "Code 9, 9", "the template wins over the legacy fields")
        XCTAssertEqual(messages.verification(.email, code: "9").subject, "T subject")
        XCTAssertEqual(messages.verification(.sms, code: "9").body, "T 9")
        XCTAssertEqual(messages.invitation(.sms, username: "bo", temporaryPassword: "x").body, "bo/x")
        XCTAssertEqual(messages.invitation(.email, username: "bo", temporaryPassword: "x").subject, "Invited")
        XCTAssertEqual(messages.sender, "ses@example.com", "the SES identity's address when From is not set")
        XCTAssertEqual(messages.replyTo, "reply@example.com")
    }

    func testRedactionHidesTheSecretOnly() {
        let message = OutboxMessage(medium: .email, to: "a@b.c", subject: "Code 123456", body: "Your code is 123456.", trigger: "SignUp",
                                    username: "a")
        let redacted = message.redacting("123456")
        XCTAssertEqual(redacted.body, "Your code is [redacted].")
        XCTAssertEqual(redacted.subject, "Code [redacted]")
        XCTAssertEqual(redacted.to, "a@b.c")
    }
}

/// Where a code seems to go for a user that does not exist, to a client that hides users.
final class SimulatedDestinationTests: XCTestCase {
    func testItFollowsThePoolsRecoveryAndVerification() throws {
        var pool = UserPoolType(name: "p")
        pool.accountRecoverySetting = UserPoolConfiguration.defaultAccountRecovery
        pool.autoVerifiedAttributes = [.email]
        XCTAssertEqual(try CodeDestination.simulated(.passwordReset, name: "ghost", digits: "5550001234", pool: pool),
                       CodeDestination(attributeName: "email", address: "ghost"))
        XCTAssertEqual(try CodeDestination.simulated(.signUp, name: "ghost", digits: "5550001234", pool: pool).attributeName, "email")
        pool.autoVerifiedAttributes = nil
        XCTAssertEqual(try CodeDestination.simulated(.passwordReset, name: "ghost", digits: "5550001234", pool: pool),
                       CodeDestination(attributeName: "phone_number", address: "+15550001234"))
        pool.accountRecoverySetting = AccountRecoverySettingType(recoveryMechanisms: [RecoveryOptionType(priority: 1, name: .adminOnly)])
        XCTAssertThrowsError(try CodeDestination.simulated(.passwordReset, name: "ghost", digits: "5550001234", pool: pool)) {
            XCTAssertEqual($0 as? AWSServiceError, .notAuthorizedException("Contact administrator to reset password."))
        }
    }
}
