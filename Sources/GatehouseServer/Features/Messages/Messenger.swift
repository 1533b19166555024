import CognitoModel
import Foundation
import GatehouseCore

/// Sends what a pool sends, in the pool's texts (``UserPoolMessages``), through the outbox
/// (``MessageDelivery``): verification codes and links, sign-in codes, invitations.
struct Messenger: Sendable {
    let delivery: MessageDelivery
    /// Where sign-up links point: the issuer base URL.
    let issuerBaseURL: String

    /// Sends a verification code to `destination` in the pool's verification message. A sign-up
    /// confirmation that ``CodeDestination/carriesLink(in:)`` is the pool's link email instead,
    /// with a link to ``confirmUserURL(clientID:username:code:)``.
    /// - Parameters:
    ///   - trigger: the operation that sends it, as the outbox shows it.
    ///   - signUpClientID: for a sign-up confirmation, the app client the user signed up with.
    func sendCode(_ code: String, to destination: CodeDestination, username: String, pool: UserPool, trigger: String,
                  signUpClientID: String? = nil) async {
        let (subject, body) = if let signUpClientID, destination.carriesLink(in: pool.settings) {
            pool.messages.verificationLink(to: confirmUserURL(clientID: signUpClientID, username: username, code: code))
        } else {
            pool.messages.verification(destination.medium, code: code)
        }
        await send(subject: subject, body: body, secret: code, to: destination, username: username, pool: pool, trigger: trigger)
    }

    /// Sends the code of SMS_MFA or EMAIL_OTP to `destination` in the pool's authentication message.
    func sendAuthenticationCode(_ code: String, to destination: CodeDestination, username: String, pool: UserPool,
                                trigger: String) async {
        let (subject, body) = pool.messages.authentication(destination.medium, code: code, emailMfa: pool.mfa.emailMfa)
        await send(subject: subject, body: body, secret: code, to: destination, username: username, pool: pool, trigger: trigger)
    }

    /// Sends AdminCreateUser's invitation with the temporary password through each of `mediums`
    /// for which the user has an address (email, phone_number); a medium without one is skipped.
    func sendInvitation(temporaryPassword: String, username: String, user: StoredUser, pool: UserPool,
                        mediums: [DeliveryMediumType]) async {
        for medium in mediums {
            let attribute = medium == .sms ? "phone_number" : "email"
            guard let address = user.attribute(attribute) else { continue }
            let (subject, body) = pool.messages.invitation(medium, username: username, temporaryPassword: temporaryPassword)
            await send(subject: subject, body: body, secret: temporaryPassword, to: CodeDestination(attributeName: attribute, address: address),
                       username: username, pool: pool, trigger: "AdminCreateUser")
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

    /// Hands one message to the outbox; an SMS of a pool without SmsConfiguration is kept as FAILED.
    private func send(subject: String?, body: String, secret: String, to destination: CodeDestination, username: String,
                      pool: UserPool, trigger: String) async {
        let email = destination.medium == .email
        let message = OutboxMessage(medium: destination.medium, to: destination.address, from: email ? pool.messages.sender : nil,
                                    replyTo: email ? pool.messages.replyTo : nil, subject: subject, body: body, trigger: trigger,
                                    username: username)
        let refusal = !email && pool.settings.smsConfiguration == nil ? "The user pool has no SmsConfiguration to send SMS with." : nil
        await delivery.send(message, secret: secret, userPoolID: pool.id, refusal: refusal)
    }
}
