import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

extension ThreatProtectionFeature {
    /// The user's authentication events, newest first, MaxResults at a time (60 when 0 or omitted).
    /// - Throws: `UserPoolAddOnNotEnabledException` while threat protection is off;
    ///   `UserNotFoundException`; `InvalidParameterException` for a NextToken of another form.
    func adminListUserAuthEvents(_ input: AdminListUserAuthEventsRequest, context: CallContext) async throws -> AdminListUserAuthEventsResponse {
        let pool = try await directory.pool(try input.userPoolId.required, context: context)
        try Self.checkAddOnEnabled(pool)
        let record = try await users.record(named: try input.username.required, in: pool)
        let limit = input.maxResults.flatMap { $0 > 0 ? $0 : nil } ?? Self.defaultMaxResults
        let before = try input.nextToken.map(AuthEventsPageToken.position)
        let read = try await storage.authEvents(userPoolID: pool.id, userKey: record.key, baselineOnly: false, before: before, limit: limit + 1)
        let page = read.prefix(limit)
        return AdminListUserAuthEventsResponse(
            authEvents: try page.map { try StoredAuthEvent(record: $0).describe(eventID: $0.eventID, creationDate: $0.creationDate) },
            nextToken: read.count > limit ? page.last.map { AuthEventsPageToken.token(after: $0.position) } : nil)
    }
}
