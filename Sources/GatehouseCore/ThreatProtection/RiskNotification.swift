import CognitoModel
import Foundation

/// The email a sign-in's risk action sends when it notifies (AccountTakeoverActionType's Notify):
/// NotifyConfiguration's BlockEmail, MfaEmail or NoActionEmail, else Cognito's default text of
/// each (docs/evidence/threat-protection.md §4), with the placeholders filled in.
public struct RiskNotification: Sendable, Equatable {
    public let subject: String
    /// The HtmlBody when the email has one, else the TextBody.
    public let body: String

    /// What the placeholders stand for.
    public struct Values: Sendable {
        public var ipAddress: String?
        public var loginTime: Date
        public var eventID: String
        public var feedbackToken: String
        /// The one-click links that mark the event Valid and Invalid.
        public var validLink: String
        public var invalidLink: String

        public init(ipAddress: String?, loginTime: Date, eventID: String, feedbackToken: String, validLink: String, invalidLink: String) {
            self.ipAddress = ipAddress
            self.loginTime = loginTime
            self.eventID = eventID
            self.feedbackToken = feedbackToken
            self.validLink = validLink
            self.invalidLink = invalidLink
        }
    }

    init(subject: String, body: String) {
        self.subject = subject
        self.body = body
    }

    public init(_ kind: RiskPolicy.NotifyEmail, configuration: NotifyConfigurationType?, values: Values) {
        let configured = switch kind {
        case .block: configuration?.blockEmail
        case .mfa: configuration?.mfaEmail
        case .noAction: configuration?.noActionEmail
        }
        let template = configured ?? Self.defaultEmail(kind)
        let subject = template.subject ?? Self.defaultEmail(kind).subject ?? ""
        if let html = template.htmlBody {
            self.init(subject: subject, body: Self.fill(html, values, escape: \.htmlEscaped))
        } else {
            self.init(subject: subject, body: Self.fill(template.textBody ?? "", values, escape: { $0 }))
        }
    }

    /// Replaces each placeholder: {ip-address}, {city}, {country}, {login-time}, {device-name},
    /// {one-click-link-valid}, {one-click-link-invalid}, {event-id}, {feedback-token}. Where the
    /// request came from by city, country and device is not known here: "Unknown".
    static func fill(_ template: String, _ values: Values, escape: (String) -> String) -> String {
        let time = DateFormatter.utc("yyyy-MM-dd HH:mm:ss 'UTC'").string(from: values.loginTime)
        let replacements = [
            ("{ip-address}", values.ipAddress ?? "Unknown"), ("{city}", "Unknown"), ("{country}", "Unknown"), ("{login-time}", time),
            ("{device-name}", "Unknown"), ("{one-click-link-valid}", values.validLink), ("{one-click-link-invalid}", values.invalidLink),
            ("{event-id}", values.eventID), ("{feedback-token}", values.feedbackToken),
        ]
        return replacements.reduce(template) { text, pair in text.replacingOccurrences(of: pair.0, with: escape(pair.1)) }
    }

    /// Cognito's default email of each kind.
    static func defaultEmail(_ kind: RiskPolicy.NotifyEmail) -> NotifyEmailType {
        let (subject, opening) = switch kind {
        case .block: ("Blocked sign-in attempt", "We blocked an unrecognized sign-in to your account with this information:")
        case .mfa: ("New sign-in attempt", "We required you to use multi-factor authentication for the following sign-in attempt:")
        case .noAction: ("New sign-in attempt", "We observed an unrecognized sign-in to your account with this information:")
        }
        let html = "<!DOCTYPE html>\n<html>\n<head>\n\t<title>HTML email context</title>\n\t<meta charset=\"utf-8\">\n</head>\n<body>\n<pre>"
            + opening + "\n<ul>\n<li>Time: {login-time}</li>\n<li>Device: {device-name}</li>\n<li>Location: {city}, {country}</li>\n</ul>\n"
            + "If this sign-in was not by you, you should change your password and notify us by clicking on <a href={one-click-link-invalid}>this link</a>\n"
            + "If this sign-in was by you, you can follow <a href={one-click-link-valid}>this link</a> to let us know</pre>\n</body>\n</html>"
        let text = opening + "\nTime: {login-time}\nDevice: {device-name}\nLocation: {city}, {country}\n"
            + "If this sign-in was not by you, you should change your password and notify us by clicking on {one-click-link-invalid}\n"
            + "If this sign-in was by you, you can follow {one-click-link-valid} to let us know"
        return NotifyEmailType(subject: subject, htmlBody: html, textBody: text)
    }
}
