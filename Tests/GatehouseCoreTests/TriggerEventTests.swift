import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import XCTest

/// Trigger events and answers, case by case: the envelope Cognito sends, the errors an operation
/// answers for each way a function can fail, and what PreSignUp's answer decides.
final class TriggerEventTests: XCTestCase {
    let pool = UserPool(id: "eu-west-1_AbCdEfGhI", region: "eu-west-1", stored: StoredUserPool(pool: UserPoolType(name: "p")))
    let email = [AttributeType(name: "email", value: "ada@example.com")]

    private func error(_ body: () throws(AWSServiceError) -> Void) -> AWSServiceError? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }

    private func answer(_ json: String) -> InvocationResult { .answered(Array(json.utf8)) }

    func testThePreSignUpEventIsCognitosEnvelopeWithNullsForWhatTheCallLeftOut() throws {
        let event = PreSignUpTrigger.event(.adminCreateUser, pool: pool, userName: "ada", clientID: nil, userAttributes: email,
                                           validationData: nil, clientMetadata: ["k": "v"])
        XCTAssertEqual(String(decoding: event, as: UTF8.self), #"{"version":"1","triggerSource":"PreSignUp_AdminCreateUser","#
            + #""region":"eu-west-1","userPoolId":"eu-west-1_AbCdEfGhI","userName":"ada","#
            + #""callerContext":{"awsSdkVersion":"aws-sdk-unknown-unknown","clientId":"CLIENT_ID_NOT_APPLICABLE"},"#
            + #""request":{"userAttributes":{"email":"ada@example.com"},"validationData":null,"clientMetadata":{"k":"v"}},"#
            + #""response":{"autoConfirmUser":false,"autoVerifyPhone":false,"autoVerifyEmail":false}}"#)
    }

    func testEachFailureOfTheCallIsCognitosError() {
        XCTAssertEqual(TriggerEvent.error(.functionError(message: "No."), of: .preSignUp),
                       .userLambdaValidationException("PreSignUp failed with error No.."))
        XCTAssertEqual(TriggerEvent.error(.timedOut, of: .postAuthentication),
                       .unexpectedLambdaException("PostAuthentication invocation failed due to error Socket timeout while invoking Lambda function."))
        XCTAssertEqual(TriggerEvent.error(.invokeError("AccessDeniedException"), of: .customMessage),
                       .unexpectedLambdaException("CustomMessage invocation failed due to error AccessDeniedException."))
        XCTAssertNil(TriggerEvent.error(answer("{}"), of: .preSignUp))
    }

    func testOutputMustBeAJSONObjectWhoseResponseIsAnObject() {
        for output in ["", "null", "[]", "\"event\"", "{"] {
            XCTAssertEqual(error { () throws(AWSServiceError) in _ = try TriggerEvent.output(answer(output), of: .preSignUp) },
                           .invalidLambdaResponseException("Invalid lambda function output : Invalid JSON"), output)
        }
        for output in [#"{"response":[]}"#, #"{"response":"yes"}"#] {
            XCTAssertEqual(error { () throws(AWSServiceError) in _ = try TriggerEvent.output(answer(output), of: .preSignUp) },
                           TriggerEvent.unrecognizable, output)
        }
        for output in ["{}", #"{"response":null}"#, #"{"response":{}}"#] {
            XCTAssertNil(error { () throws(AWSServiceError) in _ = try TriggerEvent.output(answer(output), of: .preSignUp) }, output)
        }
    }

    func testPreSignUpAnswersDecideASignUpButNotAnAdminCreateUser() throws {
        let confirmed = answer(#"{"response":{"autoConfirmUser":true,"autoVerifyEmail":true,"autoVerifyPhone":null}}"#)
        let decided = try PreSignUpTrigger.answer(confirmed, source: .signUp, userAttributes: email)
        XCTAssertEqual(decided, PreSignUpTrigger.Answer(autoConfirmUser: true, autoVerifyEmail: true))
        var user = StoredUser(username: "ada", attributes: email, status: .unconfirmed)
        decided.apply(to: &user)
        XCTAssertEqual(user.status, .confirmed)
        XCTAssertEqual(user.attribute("email_verified"), "true")
        XCTAssertNil(user.attribute("phone_number_verified"))
        XCTAssertEqual(try PreSignUpTrigger.answer(confirmed, source: .adminCreateUser, userAttributes: email), PreSignUpTrigger.Answer())
    }

    func testPreSignUpAnswersCognitoRefuses() {
        let cases: [(String, [AttributeType], AWSServiceError)] = [
            (#"{"autoVerifyEmail":true}"#, email,
             .invalidLambdaResponseException("Phone or email cannot be auto verified, when user is not being auto confirmed.")),
            (#"{"autoConfirmUser":true,"autoVerifyEmail":true}"#, [],
             .invalidLambdaResponseException("Email cannot be auto verified, when the user has no email.")),
            (#"{"autoConfirmUser":true,"autoVerifyPhone":true}"#, email,
             .invalidLambdaResponseException("Phone cannot be auto verified, when the user has no phone number.")),
            (#"{"autoConfirmUser":1}"#, email, TriggerEvent.unrecognizable),
        ]
        for (response, attributes, expected) in cases {
            XCTAssertEqual(error { () throws(AWSServiceError) in
                _ = try PreSignUpTrigger.answer(answer(#"{"response":\#(response)}"#), source: .signUp, userAttributes: attributes)
            }, expected, response)
        }
    }

    func testEachTriggerReadsItsFunctionFromTheLambdaConfig() {
        let config = LambdaConfigType(preSignUp: "arn:pre", preTokenGeneration: "arn:legacy",
                                      preTokenGenerationConfig: PreTokenGenerationVersionConfigType(lambdaVersion: .v2_0, lambdaArn: "arn:v2"),
                                      customEmailSender: CustomEmailLambdaVersionConfigType(lambdaVersion: .v1_0, lambdaArn: "arn:email"))
        XCTAssertEqual(LambdaTrigger.preSignUp.function(in: config), "arn:pre")
        XCTAssertEqual(LambdaTrigger.preTokenGeneration.function(in: config), "arn:v2")
        XCTAssertEqual(LambdaTrigger.customEmailSender.function(in: config), "arn:email")
        XCTAssertNil(LambdaTrigger.postConfirmation.function(in: config))
    }
}

/// PreTokenGeneration's answers, and what a function may change in a token.
final class PreTokenGenerationTests: XCTestCase {
    private func customization(_ response: String, _ version: PreTokenGenerationLambdaVersionType?) throws -> TokenCustomization {
        try PreTokenGenerationTrigger.customization(.answered(Array(#"{"response":\#(response)}"#.utf8)), version: version)
    }

    private func claims(_ json: String) -> [(key: String, value: JSONNode)] {
        (try? JSONNode(parsing: json))?.pairs ?? []
    }

    private func text(_ claims: [(key: String, value: JSONNode)]) -> String {
        var writer = JSONWriter()
        JSONNode.object(claims).writeJSON(to: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    func testAnUnchangedEventChangesNothingAndGroupsAreReplacedOnlyWhenGiven() throws {
        XCTAssertEqual(try customization(#"{"claimsOverrideDetails":null}"#, .v1_0), TokenCustomization())
        XCTAssertNil(try customization(#"{"claimsOverrideDetails":{"claimsToSuppress":["x"]}}"#, .v1_0).groups)
        XCTAssertEqual(try customization(#"{"claimsOverrideDetails":{"groupOverrideDetails":null}}"#, .v1_0).groups, GroupClaims())
        XCTAssertEqual(try customization(#"{"claimsAndScopeOverrideDetails":{"groupOverrideDetails":{"groupsToOverride":["a"]}}}"#, .v2_0).groups,
                       GroupClaims(groups: ["a"]))
    }

    func testVersionOneTakesStringsOnlyAndVersionTwoAnyJSON() throws {
        XCTAssertThrowsError(try customization(#"{"claimsOverrideDetails":{"claimsToAddOrOverride":{"n":1}}}"#, nil)) {
            XCTAssertEqual($0 as? AWSServiceError, TriggerEvent.unrecognizable)
        }
        let v2 = try customization(#"{"claimsAndScopeOverrideDetails":{"accessTokenGeneration":{"claimsToAddOrOverride":{"n":1},"scopesToAdd":["s"]}}}"#,
                                   .v2_0)
        XCTAssertEqual(v2.accessToken.toAddOrOverride, .object([("n", .number("1"))]))
        XCTAssertEqual(v2.scopesToAdd, ["s"])
        XCTAssertThrowsError(try customization(#"{"claimsAndScopeOverrideDetails":{"accessTokenGeneration":{"scopesToAdd":"s"}}}"#, .v2_0)) {
            XCTAssertEqual($0 as? AWSServiceError, TriggerEvent.unrecognizable)
        }
    }

    func testFixedClaimsStayAndSuppressingGroupsSuppressesRoles() {
        let id = claims(#"{"sub":"s","cognito:groups":["g"],"cognito:roles":["r"],"iss":"i","cognito:username":"u","email":"e","dev:x":"d"}"#)
        var change = TokenCustomization(idToken: .init(toAddOrOverride: .object([("sub", .string("forged")), ("cognito:username", .string("f")),
                                                                                  ("email", .string("new")), ("dev:x", .string("f")),
                                                                                  ("tenant", .string("t"))]),
                                                       toSuppress: ["iss", "cognito:groups", "dev:x", "tenant"]))
        XCTAssertEqual(text(change.applied(to: id, token: .id, clientID: "c")), #"{"sub":"s","iss":"i","cognito:username":"u","email":"new"}"#)
        change = TokenCustomization(accessToken: .init(toAddOrOverride: .object([("aud", .string("other")), ("client_id", .string("f"))])),
                                    scopesToAdd: ["b", "a"], scopesToSuppress: ["a", "x"])
        let access = claims(#"{"sub":"s","client_id":"c","scope":"x y"}"#)
        XCTAssertEqual(text(change.applied(to: access, token: .access, clientID: "c")), #"{"sub":"s","client_id":"c","scope":"y b"}"#)
        change.accessToken.toAddOrOverride = .object([("aud", .string("c"))])
        XCTAssertEqual(text(change.applied(to: access, token: .access, clientID: "c")), #"{"sub":"s","client_id":"c","scope":"y b","aud":"c"}"#)
    }
}

/// UserMigration's answers: the user vouched for, or none.
final class UserMigrationTests: XCTestCase {
    private func answer(_ response: String) throws -> UserMigrationTrigger.Answer? {
        try UserMigrationTrigger.answer(.answered(Array(#"{"response":\#(response)}"#.utf8)))
    }

    func testNoAttributesMeansNoUserAndAttributesMakeOne() throws {
        XCTAssertNil(try answer(#"{"userAttributes":null,"finalUserStatus":null}"#))
        XCTAssertEqual(try answer(#"{"userAttributes":{"email":"a@b.c"},"finalUserStatus":"RESET_REQUIRED","forceAliasCreation":true}"#),
                       UserMigrationTrigger.Answer(userAttributes: [AttributeType(name: "email", value: "a@b.c")], finalUserStatus: .resetRequired,
                                                   forceAliasCreation: true))
        XCTAssertEqual(try answer(#"{"userAttributes":{},"messageAction":"SUPPRESS","desiredDeliveryMediums":["EMAIL"]}"#)?.finalUserStatus,
                       .confirmed)
    }

    func testAnswersCognitoCannotReadAreRefused() {
        for response in [#"{"userAttributes":{"n":1}}"#, #"{"userAttributes":{},"finalUserStatus":"UNCONFIRMED"}"#,
                         #"{"userAttributes":{},"messageAction":"SEND"}"#, #"{"userAttributes":[]}"#] {
            XCTAssertThrowsError(try answer(response), response) { XCTAssertEqual($0 as? AWSServiceError, TriggerEvent.unrecognizable) }
        }
    }
}

/// CustomMessage's answers: the texts Cognito sends, and those it refuses.
final class CustomMessageTests: XCTestCase {
    private func answer(_ response: String, _ source: CustomMessageTrigger.Source = .signUp) throws -> CustomMessageTrigger.Answer {
        try CustomMessageTrigger.answer(.answered(Array(#"{"response":\#(response)}"#.utf8)), source: source)
    }

    func testTheFunctionsTextsReplaceThePoolsWithTheCodeFilledIn() throws {
        let standard = (subject: Optional("Your code"), body: "Code 123456")
        let written = try answer(#"{"smsMessage":"SMS {####}","emailMessage":"Mail {####} for {username}","emailSubject":null}"#)
        XCTAssertTrue(written.message(.sms, code: "123456", username: "ada", default: standard) == (nil, "SMS 123456"))
        XCTAssertTrue(written.message(.email, code: "123456", username: "ada", default: standard) == ("Your code", "Mail 123456 for ada"))
        let untouched = try answer(#"{"smsMessage":null,"emailMessage":null,"emailSubject":null}"#)
        XCTAssertTrue(untouched.message(.email, code: "123456", username: "ada", default: standard) == standard)
    }

    func testMessagesWithoutTheCodeOrEmptyAreRefused() {
        XCTAssertThrowsError(try answer(#"{"emailMessage":""}"#)) {
            XCTAssertEqual($0 as? AWSServiceError, .invalidParameterException("The message is empty."))
        }
        func withoutCode(_ field: String) -> AWSServiceError {
            .invalidParameterException("1 validation error detected: Value at '\(field)' failed to satisfy constraint: Member must satisfy "
                + #"regular expression pattern: [\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*\{####\}[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*"#)
        }
        XCTAssertThrowsError(try answer(#"{"smsMessage":"no code"}"#)) { XCTAssertEqual($0 as? AWSServiceError, withoutCode("smsMessage")) }
        XCTAssertThrowsError(try answer(#"{"emailMessage":"code {####} only"}"#, .adminCreateUser)) {
            XCTAssertEqual($0 as? AWSServiceError, withoutCode("emailBody"))
        }
        XCTAssertNoThrow(try answer(#"{"emailMessage":"{username}: {####}"}"#, .adminCreateUser))
        XCTAssertThrowsError(try answer(#"{"emailSubject":7}"#)) { XCTAssertEqual($0 as? AWSServiceError, TriggerEvent.unrecognizable) }
    }
}

/// The custom senders' event, named after the message CustomMessage would have made.
final class CustomSenderTests: XCTestCase {
    func testTheEventCarriesTheEncryptedCodeAndNoResponse() {
        var stored = StoredUserPool(pool: UserPoolType(name: "p"))
        stored.pool.lambdaConfig = LambdaConfigType(customSMSSender: .init(lambdaVersion: .v1_0, lambdaArn: "arn:sms"), kmsKeyID: "arn:key")
        let pool = UserPool(id: "eu-west-1_AbCdEfGhI", region: "eu-west-1", stored: stored)
        XCTAssertEqual(CustomSenderTrigger.function(for: .sms, in: pool), "arn:sms")
        XCTAssertNil(CustomSenderTrigger.function(for: .email, in: pool))
        XCTAssertEqual(CustomSenderTrigger.encryptionContext(pool: pool), ["userpool-id": "eu-west-1_AbCdEfGhI"])
        let user = StoredUser(username: "ada", attributes: [AttributeType(name: "phone_number", value: "+15555550100")], status: .unconfirmed)
        let event = CustomSenderTrigger.event(.sms, message: .resendCode, pool: pool, user: user, clientID: "app", clientMetadata: nil,
                                              encryptedCode: "AYADeJ")
        XCTAssertEqual(String(decoding: event, as: UTF8.self), #"{"version":"1","triggerSource":"CustomSMSSender_ResendCode","#
            + #""region":"eu-west-1","userPoolId":"eu-west-1_AbCdEfGhI","userName":"ada","#
            + #""callerContext":{"awsSdkVersion":"aws-sdk-unknown-unknown","clientId":"app"},"#
            + #""request":{"type":"customSMSSenderRequestV1","code":"AYADeJ","clientMetadata":null,"#
            + #""userAttributes":{"cognito:user_status":"UNCONFIRMED","phone_number":"+15555550100"}}}"#)
        XCTAssertEqual(CustomSenderTrigger.triggerSource(.email, message: .authentication), "CustomEmailSender_Authentication")
        XCTAssertEqual(CustomSenderTrigger.triggerSource(.email, message: .adminCreateUser), "CustomEmailSender_AdminCreateUser")
    }
}

/// The custom challenge triggers' answers, and a CUSTOM_AUTH session carried from step to step.
final class CustomAuthTriggersTests: XCTestCase {
    private func result(_ response: String) -> InvocationResult { .answered(Array(#"{"response":\#(response)}"#.utf8)) }

    func testFailingWinsOverTokensAndTokensOverAChallenge() throws {
        XCTAssertEqual(try CustomAuthTriggers.decision(result(#"{"failAuthentication":true,"issueTokens":true}"#)), .fail)
        XCTAssertEqual(try CustomAuthTriggers.decision(result(#"{"issueTokens":true,"challengeName":"CUSTOM_CHALLENGE"}"#)), .issueTokens)
        XCTAssertEqual(try CustomAuthTriggers.decision(result(#"{"challengeName":"CUSTOM_CHALLENGE"}"#)), .customChallenge)
        XCTAssertEqual(try CustomAuthTriggers.decision(result(#"{"challengeName":"PASSWORD_VERIFIER"}"#)), .passwordVerifier)
        XCTAssertThrowsError(try CustomAuthTriggers.decision(result(#"{"challengeName":"SMS_MFA"}"#))) {
            XCTAssertEqual($0 as? AWSServiceError, TriggerEvent.unrecognizable)
        }
        XCTAssertEqual(try CustomAuthTriggers.challenge(result(#"{"publicChallengeParameters":{"q":"?"},"challengeMetadata":"M"}"#)),
                       CustomAuthTriggers.Challenge(publicParameters: ["q": "?"], privateParameters: [:], metadata: "M"))
        XCTAssertFalse(try CustomAuthTriggers.answerCorrect(result(#"{"answerCorrect":null}"#)))
    }

    func testASessionKeepsTheStepsAndTheChallengesSecrets() throws {
        let key = SealingKey(key: Data(repeating: 7, count: 32))
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var session = SignInSession(challenge: .customChallenge, id: "s", userPoolID: "p", clientID: "c", sub: nil, username: "u",
                                    expiry: now.addingTimeInterval(180))
        session.custom = .init(steps: [.init(challengeName: "CUSTOM_CHALLENGE", challengeResult: false, challengeMetadata: "Q1"),
                                       .init(challengeName: "CUSTOM_CHALLENGE", challengeResult: true)],
                               privateParameters: ["answer": "4"], metadata: "Q2")
        let opened = try SignInSession(opening: session.sealed(with: key, random: .system), clientID: "c", with: key, now: now)
        XCTAssertEqual(opened, session)
    }
}
