import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import Hummingbird

/// What a challenge page shows: the challenge and its session in hidden fields, and the fields
/// its answer needs.
struct ChallengeView {
    struct Factor {
        let value: String
        let label: String
    }

    let action: String
    let csrf: String
    let challenge: String
    var session: String
    let username: String
    let heading: String
    var text: String?
    var error: String?
    /// The code field's label, for the challenges answered with a code.
    var codeField: String?
    var newPassword = false
    var requiredAttributes: [String] = []
    var factors: [Factor] = []
    /// Whether ``factors`` has any (stored, not computed: the templates see stored properties only).
    let choosesFactor: Bool
    /// An authenticator app's secret key, while one is set up.
    var secretCode: String?
    var otpauthURI: String?
    var button = "Sign in"
    var buttonName = "signInSubmitButton"

    static let factorLabels: [ChallengeNameType: String] = [.smsMfa: "SMS", .softwareTokenMfa: "Authenticator app", .emailOtp: "Email"]

    /// The page of `challenge`, from the challenge parameters the sign-in gave.
    init(_ challenge: ChallengeNameType, parameters: [String: String], session: String, username: String? = nil, action: String,
         csrf: String) {
        self.action = action
        self.csrf = csrf
        self.challenge = challenge.rawValue
        self.session = session
        self.username = username ?? parameters["USER_ID_FOR_SRP"] ?? ""
        let destination = parameters["CODE_DELIVERY_DESTINATION"]
        switch challenge {
        case .smsMfa, .emailOtp:
            heading = "Enter your code"
            let medium = challenge == .smsMfa ? "SMS" : "email"
            text = destination.map { "We have sent a code by \(medium) to \($0). Enter it below to sign in." }
            codeField = "Code"
        case .softwareTokenMfa:
            heading = "Enter your code"
            text = "Enter the code from your authenticator app."
            codeField = "Code"
        case .newPasswordRequired:
            heading = "Change Password"
            text = "Please enter a new password."
            newPassword = true
            requiredAttributes = Self.strings(parameters["requiredAttributes"]).map { $0.replacingOccurrences(of: "userAttributes.", with: "") }
            button = "Send"
            buttonName = "reset_password"
        case .selectMfaType:
            heading = "Choose a multi-factor authentication (MFA) method"
            factors = Self.strings(parameters["MFAS_CAN_CHOOSE"]).map {
                Factor(value: $0, label: Self.factorLabels[ChallengeNameType(rawValue: $0)] ?? $0)
            }
            button = "Continue"
        default:
            heading = "Set up authenticator app MFA"
            codeField = "Code"
            button = "Verify"
        }
        choosesFactor = !factors.isEmpty
    }

    /// A JSON array of strings, as challenge parameters carry lists.
    static func strings(_ json: String?) -> [String] {
        guard let json, let node = try? JSONNode(parsing: Array(json.utf8)) else { return [] }
        return node.array?.compactMap(\.string) ?? []
    }
}

extension ManagedLoginFeature {
    /// The answer a challenge page posted, as the sign-in's challenge responses; its SECRET_HASH
    /// made here, as the client's secret is the server's to use.
    func answer(_ challenge: ChallengeNameType, _ post: PagePost) async throws -> Response {
        let (form, client, context) = (post.form, post.client, post.context)
        var session = form["session"] ?? ""
        let username = post.username
        var view = ChallengeView(challenge, parameters: [:], session: session, username: username,
                                 action: Self.action(post.request, post.domain), csrf: post.csrf)
        var responses = ["USERNAME": username]
        responses["SECRET_HASH"] = Self.secretHash(username, client: client)
        switch challenge {
        case .smsMfa, .emailOtp, .softwareTokenMfa:
            responses["\(challenge.rawValue)_CODE"] = form["authentication_code"] ?? ""
        case .newPasswordRequired:
            guard form["password"] == form["confirmPassword"] else {
                view.error = Self.passwordsDiffer
                return pages.render("challenge", view)
            }
            responses["NEW_PASSWORD"] = form["password"] ?? ""
            for (name, value) in form.values where name.hasPrefix("requiredAttributes[") && name.hasSuffix("]") {
                responses["userAttributes." + name.dropFirst("requiredAttributes[".count).dropLast()] = value
            }
        case .selectMfaType:
            responses["ANSWER"] = form["mfa_type"] ?? ""
        case .mfaSetup:
            view.secretCode = form["secretCode"]
            do {
                session = try await mfa.verifySoftwareToken(VerifySoftwareTokenRequest(session: session, userCode: form["authentication_code"]),
                                                            context: context).session ?? ""
            } catch let error as AWSServiceError where error.status < 500 {
                view.error = error.message
                return pages.render("challenge", view)
            }
        default:
            throw errorPage("invalid_request", clientID: client.id, domain: post.domain)
        }
        do {
            let outcome = try await signIn.answer(challenge, responses: responses, session: session, client: client, metadata: nil,
                                                  origin: SignInOrigin(ipAddress: nil, encodedData: nil, context: context), managedLogin: true)
            return try await proceed(outcome, post)
        } catch let error as AWSServiceError where error.status < 500 {
            // A wrong code or password may be tried again with the same session; anything else starts over.
            guard [.smsMfa, .emailOtp, .softwareTokenMfa, .newPasswordRequired].contains(challenge),
                  error != SignInSessions.invalid, error != SignInSessions.used, !error.message.contains("session") else {
                return pages.render("login", LoginView(post.request, post.domain, csrf: post.csrf, error: error.message))
            }
            view.error = error.message
            return pages.render("challenge", view)
        }
    }

    /// MFA_SETUP's page with a new authenticator app secret for the user (AssociateSoftwareToken
    /// with the sign-in's session), which the next post confirms with a code.
    func setUpAuthenticator(_ view: ChallengeView, pool: UserPool, context: CallContext) async throws -> ChallengeView {
        var view = view
        let associated = try await mfa.associateSoftwareToken(AssociateSoftwareTokenRequest(session: view.session), context: context)
        view.session = associated.session ?? ""
        view.secretCode = associated.secretCode
        view.otpauthURI = "otpauth://totp/" + OAuthRedirect.encode("\(pool.id):\(view.username)") + "?secret="
            + (associated.secretCode ?? "") + "&issuer=" + OAuthRedirect.encode(pool.id)
        return view
    }
}
