import AWSWire
import CognitoModel
import GatehouseCore

extension ThreatProtectionFeature {
    /// The user marks an event Valid or Invalid with the FeedbackToken of its notify email
    /// (provider `User`); no credentials, as the email's links call it.
    /// - Throws: as ``adminUpdateAuthEventFeedback(_:context:)``, and `NotAuthorizedException`
    ///   for a token that is not the event's.
    func updateAuthEventFeedback(_ input: UpdateAuthEventFeedbackRequest, context: CallContext) async throws -> UpdateAuthEventFeedbackResponse {
        let pool = try await directory.pool(try input.userPoolId.required, context: context)
        try await recordFeedback(try input.feedbackValue.required, provider: "User", pool: pool, username: try input.username.required,
                                 eventID: try input.eventId.required, token: try input.feedbackToken.required)
        return UpdateAuthEventFeedbackResponse()
    }
}
