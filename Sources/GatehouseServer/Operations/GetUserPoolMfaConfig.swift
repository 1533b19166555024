import CognitoModel
import GatehouseCore

extension Gatehouse {
    func getUserPoolMfaConfig(_ input: GetUserPoolMfaConfigRequest, context: CallContext) async throws -> GetUserPoolMfaConfigResponse {
        let record = try await userPoolRecord(try input.userPoolId.required, context: context)
        return UserPoolMfa.configuration(of: try pools.decoded(record).stored)
    }
}
