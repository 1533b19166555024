import AWSWire
import CognitoModel
import Crypto
import Foundation
import GatehouseCore
import GatehouseStorage

/// Threat protection: the risk configurations of a pool and its app clients (SetRiskConfiguration,
/// DescribeRiskConfiguration, on the PLUS plan), and the users' authentication events
/// (AdminListUserAuthEvents, AdminUpdateAuthEventFeedback, UpdateAuthEventFeedback). What acts on
/// sign-ins and passwords is ``RiskAssessor``.
struct ThreatProtectionFeature: Sendable {
    let directory: UserPoolDirectory
    let users: UserDirectory
    let items: UserPoolItems
    /// Risk configuration and authentication event records.
    let storage: any Storage
    let clock: Clock

    /// AdminListUserAuthEvents' page when MaxResults is 0 or omitted: the most the model allows.
    static let defaultMaxResults = 60

    func register(in registry: inout OperationRegistry) {
        registry.register(Operations.SetRiskConfiguration.self, setRiskConfiguration)
        registry.register(Operations.DescribeRiskConfiguration.self, describeRiskConfiguration)
        registry.register(Operations.AdminListUserAuthEvents.self, adminListUserAuthEvents)
        registry.register(Operations.AdminUpdateAuthEventFeedback.self, adminUpdateAuthEventFeedback)
        registry.register(Operations.UpdateAuthEventFeedback.self, updateAuthEventFeedback)
    }

    /// The pool the call names, and the app client when it names one (which must be of the pool).
    /// - Throws: `ResourceNotFoundException`.
    func poolAndClient(_ userPoolID: String, _ clientID: String?, context: CallContext) async throws -> UserPool {
        let pool = try await directory.pool(userPoolID, context: context)
        if let clientID { _ = try await directory.poolClient(clientID, of: pool) }
        return pool
    }

    /// - Throws: `UserPoolAddOnNotEnabledException` unless threat protection is on (AUDIT or
    ///   ENFORCED, on the PLUS plan); Cognito's wording is not known.
    static func checkAddOnEnabled(_ pool: UserPool) throws {
        guard RiskAssessor.mode(of: pool) != nil else {
            throw AWSServiceError.userPoolAddOnNotEnabledException("Threat protection is not enabled for this user pool.")
        }
    }

    /// The event the feedback is about was not found (Gatehouse's wording).
    static let eventNotFound = AWSServiceError.resourceNotFoundException("Auth event not found.")
    static let wrongFeedbackToken = AWSServiceError.notAuthorizedException("The feedback token is not valid for this event.")

    /// Records feedback on one of the user's events; with `token`, only when it is the one the
    /// event's notify email carried (compared as digests, in constant time). Later sign-ins'
    /// risk levels read it (``RiskPolicy/History``).
    func recordFeedback(_ value: FeedbackValueType, provider: String, pool: UserPool, username: String, eventID: String,
                        token: String?) async throws {
        try Self.checkAddOnEnabled(pool)
        let record = try await users.record(named: username, in: pool)
        let now = clock.now()
        let digest = token.map { Array(SHA256.hash(data: Data($0.utf8))) }
        do {
            _ = try await storage.updateAuthEvent(userPoolID: pool.id, userKey: record.key, eventID: eventID) { stored in
                var event = try StoredAuthEvent(record: stored)
                if let digest {
                    guard let expected = event.feedbackTokenDigest, ConstantTime.equal(digest, expected) else {
                        throw Self.wrongFeedbackToken
                    }
                }
                event.feedback = EventFeedbackType(feedbackValue: value, provider: provider, feedbackDate: now)
                stored.document = Data(AWSJSON.encode(event))
                stored.isBaseline = event.isBaseline
            }
        } catch StorageError.notFound {
            throw Self.eventNotFound
        }
    }
}
