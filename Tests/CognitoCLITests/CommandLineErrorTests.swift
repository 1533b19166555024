@testable import CognitoCLI
import XCTest

/// botocore's `ClientError` text and the exit statuses of AWS CLI version 2.
final class CommandLineErrorTests: XCTestCase {
    func testServiceErrorsReadAsBotocoreWritesThem() {
        XCTAssertEqual(CommandLineError.service(code: "UserNotFoundException", operation: "AdminGetUser",
                                                message: "User does not exist.", retries: 0).message,
                       "An error occurred (UserNotFoundException) when calling the AdminGetUser operation: User does not exist.")
        XCTAssertEqual(CommandLineError.service(code: "ServiceUnavailableException", operation: "ListUsers", message: "busy", retries: 4).message,
                       "An error occurred (ServiceUnavailableException) when calling the ListUsers operation (reached max retries: 4): busy")
        let (code, message) = ServiceClient.serviceError(status: 400, body: Array(#"{"__type":"a.b#NotAuthorizedException:http://x","Message":"m"}"#.utf8))
        XCTAssertEqual(code, "NotAuthorizedException")
        XCTAssertEqual(message, "m")
        XCTAssertTrue(ServiceClient.serviceError(status: 502, body: []) == ("502", ""))
    }

    func testExitStatuses() {
        XCTAssertEqual(CommandLineError.usage("x").exitStatus, 252)
        XCTAssertEqual(CommandLineError.parameter("x").exitStatus, 252)
        XCTAssertEqual(CommandLineError.configuration("x").exitStatus, 253)
        XCTAssertEqual(CommandLineError.notConfigured("x").exitStatus, 253)
        XCTAssertEqual(CommandLineError.service(code: "c", operation: "o", message: "m", retries: 0).exitStatus, 254)
        XCTAssertEqual(CommandLineError.other("x").exitStatus, 255)
    }
}
