import AWSWire
import CognitoModel
import GatehouseCore

extension ThreatProtectionFeature {
    /// An administrator marks one of the user's events Valid or Invalid (provider `Admin`).
    /// - Throws: `UserPoolAddOnNotEnabledException` while threat protection is off;
    ///   `UserNotFoundException`; `ResourceNotFoundException` for an event the user does not have.
    func adminUpdateAuthEventFeedback(_ input: AdminUpdateAuthEventFeedbackRequest,
                                      context: CallContext) async throws -> AdminUpdateAuthEventFeedbackResponse {
        let pool = try await directory.pool(try input.userPoolId.required, context: context)
        try await recordFeedback(try input.feedbackValue.required, provider: "Admin", pool: pool, username: try input.username.required,
                                 eventID: try input.eventId.required, token: nil)
        return AdminUpdateAuthEventFeedbackResponse()
    }
}
