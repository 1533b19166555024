@testable import CognitoCLI
import AWSWire
import XCTest

/// Region, endpoint and credentials come from where the AWS CLI takes them, in its order.
final class ClientSettingsTests: XCTestCase {
    let config = """
        [default]
        region = eu-west-1
        # a comment
        [profile ops]
        region=ap-south-1
        endpoint_url = http://localhost:9229
        output = text
        s3 =
          max_concurrent_requests = 10
        aws_access_key_id = CONFIGKEY
        aws_secret_access_key = configsecret
        """
    let credentials = "[ops]\naws_access_key_id = FILEKEY\naws_secret_access_key = filesecret\naws_session_token = token\n"

    func resolve(_ options: GlobalOptions = GlobalOptions(), _ environment: [String: String] = [:],
                 signs: Bool = true) throws -> ClientSettings {
        let environment = ["HOME": "/home"].merging(environment) { $1 }
        return try ClientSettings.resolve(options: options, profile: try profile(options, environment),
                                          environment: environment, signs: signs)
    }

    func profile(_ options: GlobalOptions, _ environment: [String: String]) throws -> SharedProfile {
        let files = ["/home/.aws/config": config, "/home/.aws/credentials": credentials]
        return try SharedProfile.load(options: options, environment: environment) { files[$0] }
    }

    func testTheOutputFormatComesFromOptionsEnvironmentOrProfile() throws {
        var options = GlobalOptions()
        options.profile = "ops"
        let ops = try profile(options, ["HOME": "/home"])
        XCTAssertEqual(try ops.outputFormat(options: options, environment: [:]), "text")
        XCTAssertEqual(try ops.outputFormat(options: options, environment: ["AWS_DEFAULT_OUTPUT": "yaml"]), "yaml")
        options.output = "table"
        XCTAssertEqual(try ops.outputFormat(options: options, environment: ["AWS_DEFAULT_OUTPUT": "yaml"]), "table")
        XCTAssertEqual(try profile(GlobalOptions(), ["HOME": "/home"]).outputFormat(options: GlobalOptions(), environment: [:]), "json")
        XCTAssertThrowsError(try ops.outputFormat(options: GlobalOptions(), environment: ["AWS_DEFAULT_OUTPUT": "xml"])) { error in
            XCTAssertEqual(error as? CommandLineError, .configuration("Unknown output type: xml"))
        }
    }

    func testTheProfileSuppliesRegionEndpointAndCredentials() throws {
        var options = GlobalOptions()
        options.profile = "ops"
        let settings = try resolve(options, ["AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "envsecret"])
        XCTAssertEqual(settings.region, "ap-south-1")
        XCTAssertEqual(settings.endpoint, "http://localhost:9229")
        // An explicit --profile sets the environment's keys aside; the credentials file comes before the config file.
        XCTAssertEqual(settings.credentials, AWSCredentials(accessKeyID: "FILEKEY", secretAccessKey: "filesecret", sessionToken: "token"))
    }

    func testTheEnvironmentComesBeforeTheFiles() throws {
        let environment = ["AWS_PROFILE": "ops", "AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "envsecret",
                           "AWS_DEFAULT_REGION": "us-west-2"]
        let settings = try resolve(GlobalOptions(), environment)
        XCTAssertEqual(settings.credentials?.accessKeyID, "ENVKEY")
        XCTAssertEqual(settings.region, "us-west-2")
        XCTAssertEqual(try resolve(GlobalOptions(), environment.merging(["AWS_DEFAULT_PROFILE": "default"]) { $1 }).endpoint,
                       "https://cognito-idp.us-west-2.amazonaws.com", "AWS_DEFAULT_PROFILE wins over AWS_PROFILE")
    }

    func testOptionsComeFirst() throws {
        var options = GlobalOptions()
        options.region = "ca-central-1"
        options.endpointURL = "http://127.0.0.1:1/"
        let settings = try resolve(options, ["AWS_ACCESS_KEY_ID": "K", "AWS_SECRET_ACCESS_KEY": "S", "AWS_DEFAULT_REGION": "us-west-2"])
        XCTAssertEqual(settings.region, "ca-central-1")
        XCTAssertEqual(settings.endpoint, "http://127.0.0.1:1")
    }

    func testMissingPiecesAreConfigurationErrors() {
        XCTAssertThrowsError(try resolve(GlobalOptions(), ["AWS_CONFIG_FILE": "/nowhere"], signs: false)) { error in
            XCTAssertEqual(error as? CommandLineError, .notConfigured("You must specify a region. You can also configure your region by running \"aws configure\"."))
            XCTAssertEqual((error as? CommandLineError)?.exitStatus, 253)
        }
        XCTAssertThrowsError(try resolve(GlobalOptions(), ["AWS_DEFAULT_REGION": "us-east-1"])) { error in
            XCTAssertEqual(error as? CommandLineError, .notConfigured("Unable to locate credentials. You can configure credentials by running \"aws configure\"."))
        }
        XCTAssertNil(try resolve(GlobalOptions(), ["AWS_DEFAULT_REGION": "us-east-1"], signs: false).credentials)
        var options = GlobalOptions()
        options.profile = "nope"
        XCTAssertThrowsError(try resolve(options)) { error in
            XCTAssertEqual(error as? CommandLineError, .configuration("The config profile (nope) could not be found"))
        }
    }

    func testNestedBlocksAndCommentsAreSkipped() {
        let file = SharedConfigFile(text: config)
        XCTAssertEqual(file.configProfile("default"), ["region": "eu-west-1"])
        XCTAssertNil(file.configProfile("ops")?["s3"])
        XCTAssertEqual(file.configProfile("ops")?["aws_access_key_id"], "CONFIGKEY")
        XCTAssertNil(file.configProfile("missing"))
    }
}
