import AWSWire
import CognitoModel
import Hummingbird

extension ThreatProtectionFeature {
    /// `GET /authEventFeedback`, where a notify email's links point: a page that asks the user to
    /// confirm (a mail scanner that follows links changes nothing), with a form that posts the same
    /// query to `POST /authEventFeedback`, which records it as UpdateAuthEventFeedback does.
    /// Both answer an escaped page; a link that lacks a parameter, or whose token is wrong, changes nothing.
    func feedbackLink(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        guard let poolID = query.get("user_pool_id"), let username = query.get("username"), let eventID = query.get("event_id"),
              let token = query.get("feedback_token"), let value = query.get("feedback_value").map(FeedbackValueType.init(rawValue:)),
              FeedbackValueType.allValues.contains(value.rawValue) else {
            return Self.feedbackPage(.badRequest, "The link lacks user_pool_id, username, event_id, feedback_token or feedback_value.")
        }
        guard request.method == .post else {
            let question = value == .valid ? "Was this sign-in yours?" : "This sign-in was not yours?"
            return Self.feedbackPage(.ok, question, form: "/authEventFeedback?" + (request.uri.query ?? ""),
                                     button: value == .valid ? "Yes, it was me" : "Report it")
        }
        do {
            let pool = try await directory.pool(named: poolID)
            try await recordFeedback(value, provider: "User", pool: pool, username: username, eventID: eventID, token: token)
            return Self.feedbackPage(.ok, "Thank you for your feedback.")
        } catch let error as AWSServiceError where error.status < 500 {
            return Self.feedbackPage(.badRequest, error.message)
        }
    }

    private static func feedbackPage(_ status: HTTPResponse.Status, _ text: String, form action: String? = nil,
                                     button: String = "") -> Response {
        let form = action.map { #"<form method="post" action="\#($0.htmlEscaped)"><button type="submit">\#(button.htmlEscaped)</button></form>"# } ?? ""
        let html = #"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sign-in feedback</title></head><body><p>"#
            + text.htmlEscaped + "</p>" + form + "</body></html>\n"
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                                                  .init("X-Frame-Options")!: "DENY", .init("Referrer-Policy")!: "no-referrer"],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }

}
