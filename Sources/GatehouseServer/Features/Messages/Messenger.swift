import CognitoModel
import Foundation
import GatehouseCore

/// Makes what a pool sends, in the pool's texts (``UserPoolMessages``) or its CustomMessage
/// function's, and hands it to the outbox (``MessageDelivery``): verification codes and links,
/// sign-in codes, invitations. A message is made before the operation stores what it is about (the
/// function may refuse it, and then nothing is stored) and delivered after. A pool with a custom
/// sender for the message's medium gets neither: its function has the code instead (``CustomSenders``).
struct Messenger: Sendable {
    let delivery: MessageDelivery
    let triggers: Triggers
    let senders: CustomSenders
    /// Where sign-up links point: the issuer base URL.
    let issuerBaseURL: String

    /// A message made and not yet delivered.
    struct Prepared: Sendable {
        let subject: String?
        let body: String
        /// What the outbox redacts outside development mode: the code or temporary password.
        let secret: String
        let destination: CodeDestination
        let username: String
        /// The operation that sends it, as the outbox shows it.
        let trigger: String
        /// Who and what it is for, for a custom sender.
        let about: About
    }

    /// Who and what a message is for, as the pool's CustomMessage function sees it.
    struct About: Sendable {
        let source: CustomMessageTrigger.Source
        /// The user as it will be stored.
        let user: StoredUser
        /// The app client of the call; `nil` for an admin operation.
        let clientID: String?
        let clientMetadata: [String: String]?
    }

    /// The pool's CustomMessage function's texts for a message through `mediums`, or `nil` without
    /// a function or when custom senders take every one of them.
    private func custom(_ about: About, pool: UserPool, mediums: [DeliveryMediumType]) async throws -> CustomMessageTrigger.Answer? {
        guard mediums.contains(where: { !senders.handle($0, in: pool) }) else { return nil }
        return try await triggers.customMessage(about.source, pool: pool, user: about.user, clientID: about.clientID,
                                                clientMetadata: about.clientMetadata)
    }

    /// A verification code for `destination` in the pool's verification message. A sign-up
    /// confirmation that ``CodeDestination/carriesLink(in:)`` is the pool's link email instead,
    /// with a link to ``confirmUserURL(clientID:username:code:)``.
    /// - Parameters:
    ///   - trigger: the operation that sends it, as the outbox shows it.
    ///   - signUpClientID: for a sign-up confirmation, the app client the user signed up with.
    func code(_ code: String, to destination: CodeDestination, username: String, pool: UserPool, trigger: String,
              signUpClientID: String? = nil, about: About) async throws -> Prepared {
        let byLink = signUpClientID != nil && destination.carriesLink(in: pool.settings)
        let standard = if let signUpClientID, byLink {
            pool.messages.verificationLink(to: confirmUserURL(clientID: signUpClientID, username: username, code: code))
        } else {
            pool.messages.verification(destination.medium, code: code)
        }
        // A link email keeps the pool's text: the function's would need the link filled in for {##Click Here##}.
        let (subject, body) = byLink ? standard : try await custom(about, pool: pool, mediums: [destination.medium])?
            .message(destination.medium, code: code, username: username, default: standard) ?? standard
        return Prepared(subject: subject, body: body, secret: code, destination: destination, username: username, trigger: trigger,
                        about: about)
    }

    /// The code of SMS_MFA or EMAIL_OTP for `destination`, in the pool's authentication message.
    func authenticationCode(_ code: String, to destination: CodeDestination, username: String, pool: UserPool, trigger: String,
                            about: About) async throws -> Prepared {
        let standard = pool.messages.authentication(destination.medium, code: code, emailMfa: pool.mfa.emailMfa)
        let (subject, body) = try await custom(about, pool: pool, mediums: [destination.medium])?
            .message(destination.medium, code: code, username: username, default: standard) ?? standard
        return Prepared(subject: subject, body: body, secret: code, destination: destination, username: username, trigger: trigger,
                        about: about)
    }

    /// AdminCreateUser's invitation with the temporary password, through each of `mediums` for
    /// which the user has an address (email, phone_number); a medium without one is skipped.
    func invitations(temporaryPassword: String, username: String, user: StoredUser, pool: UserPool, mediums: [DeliveryMediumType],
                     about: About) async throws -> [Prepared] {
        let addressed = mediums.compactMap { medium -> (DeliveryMediumType, CodeDestination)? in
            let attribute = medium == .sms ? "phone_number" : "email"
            return user.attribute(attribute).map { (medium, CodeDestination(attributeName: attribute, address: $0)) }
        }
        guard !addressed.isEmpty else { return [] }
        let answer = try await custom(about, pool: pool, mediums: addressed.map(\.0))
        return addressed.map { medium, destination in
            let standard = pool.messages.invitation(medium, username: username, temporaryPassword: temporaryPassword)
            let (subject, body) = answer?.message(medium, code: temporaryPassword, username: username, default: standard) ?? standard
            return Prepared(subject: subject, body: body, secret: temporaryPassword, destination: destination, username: username,
                            trigger: "AdminCreateUser", about: about)
        }
    }

    /// The characters a query value keeps as they are (RFC 3986's unreserved ones); the others are
    /// percent-encoded.
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// The address a CONFIRM_WITH_LINK email links to: `GET /confirmUser` of this server (at the
    /// issuer base URL) with the query Cognito's hosted UI takes, in its order.
    func confirmUserURL(clientID: String, username: String, code: String) -> String {
        let query = [("client_id", clientID), ("user_name", username), ("confirmation_code", code)]
            .map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? $1)" }
        return "\(issuerBaseURL)/confirmUser?\(query.joined(separator: "&"))"
    }

    /// Hands a message to the pool's custom sender for its medium, or else to the outbox, where an
    /// SMS of a pool without SmsConfiguration is kept as FAILED.
    func deliver(_ message: Prepared, pool: UserPool) async {
        if senders.handle(message.destination.medium, in: pool) {
            let about = message.about
            senders.send(message.secret, through: message.destination.medium, source: about.source, pool: pool, user: about.user,
                         clientID: about.clientID, clientMetadata: about.clientMetadata)
            return
        }
        let email = message.destination.medium == .email
        let outgoing = OutboxMessage(medium: message.destination.medium, to: message.destination.address,
                                     from: email ? pool.messages.sender : nil, replyTo: email ? pool.messages.replyTo : nil,
                                     subject: message.subject, body: message.body, trigger: message.trigger, username: message.username)
        let refusal = !email && pool.settings.smsConfiguration == nil ? "The user pool has no SmsConfiguration to send SMS with." : nil
        await delivery.send(outgoing, secret: message.secret, userPoolID: pool.id, refusal: refusal)
    }
}
