import AWSWire
import CognitoModel
import Foundation
@testable import GatehouseCore
import XCTest

/// The OAuth endpoints' rules: authorize requests, scopes, PKCE, codes, session cookies, redirects,
/// client credentials, form bodies, where domains answer.
final class OAuthTests: XCTestCase {
    let key = SealingKey(key: Data(repeating: 7, count: 32))
    let client = UserPoolClientType(clientId: "client1", supportedIdentityProviders: ["COGNITO"], callbackURLs: ["https://app.example/cb"],
                                    allowedOAuthFlows: [.code], allowedOAuthScopes: ["openid", "email", "res/read"],
                                    allowedOAuthFlowsUserPoolClient: true)

    func parse(_ parameters: [String: String], client: UserPoolClientType?) throws(AuthorizeRequest.Refusal) -> AuthorizeRequest {
        let base = ["client_id": "client1", "redirect_uri": "https://app.example/cb", "response_type": "code", "state": "s"]
        let all = base.merging(parameters) { $1 }.filter { !$0.value.isEmpty }
        return try AuthorizeRequest.parse({ all[$0] }, client: client)
    }

    func assertRefused(_ parameters: [String: String], client: UserPoolClientType? = nil, _ expected: String,
                       file: StaticString = #filePath, line: UInt = #line) {
        do {
            _ = try parse(parameters, client: client ?? self.client)
            XCTFail("accepted", file: file, line: line)
        } catch {
            switch error {
            case .errorPage(let error): XCTAssertEqual("page " + error, expected, file: file, line: line)
            case .redirect(let redirect, let description):
                XCTAssertEqual(redirect.error(description: description), expected, file: file, line: line)
            }
        }
    }

    func testAuthorizeRequestsAreCheckedInCognitosOrder() throws {
        assertRefused(["client_id": ""], "page Required parameters missing")
        assertRefused(["redirect_uri": ""], "page Required parameters missing")
        assertRefused(["client_id": "other"], "page invalid_request")
        assertRefused(["redirect_uri": "https://app.example/cb/"], "page redirect_mismatch")
        assertRefused(["response_type": "id_token"], "https://app.example/cb?error_description=invalid_request&state=s&error=invalid_request")
        assertRefused(["response_type": "token"], "https://app.example/cb#error_description=unauthorized_client&state=s&error=invalid_request")
        assertRefused(["code_challenge_method": "plain", "code_challenge": "x"],
                      "https://app.example/cb?error_description=invalid_request&state=s&error=invalid_request")
        assertRefused(["scope": "openid phone"], "https://app.example/cb?error_description=invalid_scope&state=s&error=invalid_request")
        assertRefused(["nonce": String(repeating: "n", count: 2_049)],
                      "https://app.example/cb?error_description=invalid_request&state=s&error=invalid_request")
        var noManagedLogin = client
        noManagedLogin.allowedOAuthFlowsUserPoolClient = false
        assertRefused([:], client: noManagedLogin, "https://app.example/cb?error_description=unauthorized_client&state=s&error=invalid_request")
        let request = try parse(["code_challenge": "abc", "code_challenge_method": "S256", "nonce": "n", "prompt": "login consent"],
                                client: client)
        XCTAssertEqual(request.scopes, ["email", "openid", "res/read"])
        XCTAssertEqual(request.codeChallenge, "abc")
        XCTAssertEqual(request.prompt, ["login", "consent"])
        XCTAssertEqual(request.redirect.location([("code", "c 1")]), "https://app.example/cb?code=c+1&state=s")
    }

    func testDefaultRedirectURIStandsForAMissingOne() throws {
        var client = self.client
        client.defaultRedirectURI = "https://app.example/cb"
        XCTAssertEqual(try parse(["redirect_uri": ""], client: client).redirectURI, "https://app.example/cb")
        client.supportedIdentityProviders = ["COGNITO", "Google"]
        assertRefused(["redirect_uri": ""], client: client, "page Required parameters missing")
    }

    func testScopes() {
        XCTAssertEqual(OAuthScopes.granted(nil, allowed: ["profile", "openid", "openid"]), ["openid", "profile"])
        XCTAssertEqual(OAuthScopes.granted("openid  email", allowed: ["openid", "email"]), ["email", "openid"])
        XCTAssertNil(OAuthScopes.granted("email", allowed: ["openid", "email"]), "email comes only with openid")
        XCTAssertNil(OAuthScopes.granted("offline_access", allowed: ["openid"]))
        XCTAssertNil(OAuthScopes.granted("   ", allowed: ["openid"]), "blank is not a scope")
        XCTAssertEqual(OAuthScopes.allowedPart(of: "a/read b/write", allowed: ["a/read"]), ["a/read"])
    }

    func testPKCEMatchesRFC7636sExample() {
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
        XCTAssertEqual(PKCE.challenge(of: verifier), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        XCTAssertTrue(PKCE.matches(verifier: verifier, challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"))
        XCTAssertFalse(PKCE.matches(verifier: verifier + "x", challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"))
    }

    func testCodesAndSessionsOpenOnlyWithTheirKeyAndContext() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let code = AuthorizationCode(id: "id", userPoolID: "us-east-1_a", clientID: "c", sub: "s", redirectURI: "https://x/cb",
                                     scopes: ["openid"], nonce: "n", codeChallenge: "ch", authTime: now, expiry: now + 300)
        let text = code.sealed(with: key, random: .system)
        XCTAssertEqual(AuthorizationCode(opening: text, with: key), code)
        XCTAssertNil(AuthorizationCode(opening: text, with: SealingKey(key: Data(repeating: 8, count: 32))))
        XCTAssertNil(ManagedLoginSession(opening: text, userPoolID: "us-east-1_a", with: key, now: now), "a code is not a session")
        let session = ManagedLoginSession(userPoolID: "us-east-1_a", sub: "s", username: "ada", authTime: now, expiry: now + 3600)
        let cookie = session.sealed(with: key, random: .system)
        XCTAssertEqual(ManagedLoginSession(opening: cookie, userPoolID: "us-east-1_a", with: key, now: now), session)
        XCTAssertNil(ManagedLoginSession(opening: cookie, userPoolID: "us-east-1_b", with: key, now: now))
        XCTAssertNil(ManagedLoginSession(opening: cookie, userPoolID: "us-east-1_a", with: key, now: now + 3600))
    }

    func testClientCredentialsFromBasicOrTheBody() {
        let basic = "Basic " + Data("id:se:cret".utf8).base64EncodedString()
        XCTAssertEqual(ClientCredentials.of(authorization: basic, form: FormFields([:])), ClientCredentials(clientID: "id", secret: "se:cret"))
        XCTAssertEqual(ClientCredentials.of(authorization: nil, form: FormFields(["client_id": "id", "client_secret": "s"])),
                       ClientCredentials(clientID: "id", secret: "s"))
        XCTAssertNil(ClientCredentials.of(authorization: basic, form: FormFields(["client_id": "other"])), "two different clients")
        XCTAssertNil(ClientCredentials.of(authorization: "Basic !!!", form: FormFields([:])))
        XCTAssertNil(ClientCredentials.of(authorization: nil, form: FormFields([:])))
    }

    func testFormFields() {
        let form = FormFields("a=1+2&b=%C3%A9&a=second&empty=&flag")
        XCTAssertEqual(form?["a"], "1 2")
        XCTAssertEqual(form?["b"], "é")
        XCTAssertEqual(form?["flag"], "")
        XCTAssertNil(form?.nonEmpty("empty"))
        XCTAssertNil(FormFields("a=%ZZ"), "not percent-encoded")
    }

    func testDomainAddressing() {
        let addressing = DomainAddressing(base: "localhost", listsHostForm: false, issuerBaseURL: "http://127.0.0.1:9229")
        XCTAssertTrue(addressing.domain(ofHost: "my-app.auth.us-east-1.localhost:9229")! == ("my-app", "us-east-1"))
        XCTAssertNil(addressing.domain(ofHost: "localhost:9229"))
        XCTAssertNil(addressing.domain(ofHost: "a.b.auth.us-east-1.localhost"))
        XCTAssertEqual(addressing.url(of: "my-app", region: "us-east-1"), "http://127.0.0.1:9229/_domain/my-app")
        let hosts = DomainAddressing(base: "idp.example.com", listsHostForm: true, issuerBaseURL: "https://idp.example.com")
        XCTAssertEqual(hosts.url(of: "my-app", region: "eu-west-1"), "https://my-app.auth.eu-west-1.idp.example.com")
        XCTAssertTrue(addressing.cookiesMayBeInsecure(authority: "my-app.auth.us-east-1.localhost:9229"))
        XCTAssertFalse(addressing.cookiesMayBeInsecure(authority: "auth.example.com"), "plain HTTP elsewhere keeps Secure")
        XCTAssertFalse(hosts.cookiesMayBeInsecure(authority: "localhost"), "HTTPS keeps Secure")
    }

    func testCookies() {
        XCTAssertEqual(Cookies.value(named: "cognito", in: "a=1; cognito=xyz; b=2"), "xyz")
        XCTAssertNil(Cookies.value(named: "cognito", in: "xcognito=1"))
        XCTAssertEqual(Cookies.setCookie("n", value: "v", path: "/", maxAge: 0, insecure: false), "n=v; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax")
    }

    func testUserInfoShowsTheScopesAttributesAsStrings() throws {
        let attributes = [AttributeType(name: "email", value: "a@x"), AttributeType(name: "email_verified", value: "true"),
                          AttributeType(name: "given_name", value: "Ada"), AttributeType(name: "custom:team", value: "x")]
        func shown(_ scopes: [String]) throws -> [String] {
            let json = try JSONNode(parsing: UserInfoClaims.json(sub: "s", username: "ada", readable: attributes, scopes: scopes))
            return json.pairs?.map(\.key) ?? []
        }
        XCTAssertEqual(try shown(["openid"]), ["sub", "email", "email_verified", "given_name", "custom:team", "username"])
        XCTAssertEqual(try shown(["openid", "email"]), ["sub", "email", "email_verified", "username"])
        XCTAssertEqual(try shown(["openid", "profile"]), ["sub", "given_name", "custom:team", "username"])
    }

    func testRedirectURLsUseHTTPSButOnThisMachine() {
        for url in ["https://x.example/cb", "myapp://cb", "http://localhost:3000/cb", "http://127.0.0.1/cb", "http://[::1]:8080/cb"] {
            XCTAssertTrue(UserPoolClientRules.isAllowedRedirect(url), url)
        }
        for url in ["http://example.com/cb", "http://localhost.com/", "HTTP://evil.example", "http://localhost@evil.example/"] {
            XCTAssertFalse(UserPoolClientRules.isAllowedRedirect(url), url)
        }
        XCTAssertThrowsError(try UserPoolClientRules.checkRedirectURLs(UserPoolClientType(callbackURLs: ["https://x.example/cb#f"]))) { error in
            XCTAssertEqual(error as? AWSServiceError, .invalidParameterException("https://x.example/cb#f cannot contain a fragment."))
        }
    }

    func testUICustomizationCSS() {
        XCTAssertNoThrow(try UICustomizationCSS.check(".banner-customizable {padding: 1px 0px; background-color: red;}\n.submitButton-customizable:hover { color: #fff }"))
        for css in ["body {}", ".x-customizable {color: red}", "@media print {}", ".label-customizable {color: red} </style>", ".label-customizable {",
                    ".label-customizable { a {color: red} }", ".logo-customizable {background: image-set(\"x\" 1x)}"] {
            XCTAssertThrowsError(try UICustomizationCSS.check(css), css)
        }
    }
}
