import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import Synchronization

/// The request rate quotas this process holds requests to (``RequestRateLimiter``), when the
/// server is given any: a request over its category's quota is refused before it runs.
final class RequestQuotas: Sendable {
    private let limiter: Mutex<RequestRateLimiter>

    /// `nil` when no category has a quota.
    init?(rates: [RequestQuotaCategory: Double]) {
        guard !rates.isEmpty else { return nil }
        limiter = Mutex(RequestRateLimiter(rates: rates))
    }

    /// AWS's answer to a request over its quota (REAL, docs/evidence/quotas.md).
    static let exceeded = AWSServiceError.tooManyRequestsException("Rate exceeded")

    /// Counts a request of the operation `name`.
    /// - Throws: ``exceeded`` when its category is over its quota.
    func admit(_ name: String, now: Date) throws(AWSServiceError) {
        guard let category = RequestQuotaCategory.of(operation: name) else { return }
        guard limiter.withLock({ $0.admit(category, now: now) }) else { throw Self.exceeded }
    }
}
