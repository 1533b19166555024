import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

/// Threat protection: the risk configurations of a pool and its app clients (SetRiskConfiguration,
/// DescribeRiskConfiguration), on the PLUS plan.
struct ThreatProtectionFeature: Sendable {
    let directory: UserPoolDirectory
    let items: UserPoolItems
    /// Risk configuration records.
    let storage: any Storage
    let clock: Clock

    func register(in registry: inout OperationRegistry) {
        registry.register(Operations.SetRiskConfiguration.self, setRiskConfiguration)
        registry.register(Operations.DescribeRiskConfiguration.self, describeRiskConfiguration)
    }

    /// The pool the call names, and the app client when it names one (which must be of the pool).
    /// - Throws: `ResourceNotFoundException`.
    func poolAndClient(_ userPoolID: String, _ clientID: String?, context: CallContext) async throws -> UserPool {
        let pool = try await directory.pool(userPoolID, context: context)
        if let clientID { _ = try await directory.poolClient(clientID, of: pool) }
        return pool
    }
}
