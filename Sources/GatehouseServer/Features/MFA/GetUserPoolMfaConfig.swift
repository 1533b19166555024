import CognitoModel
import GatehouseCore

extension MFAFeature {
    func getUserPoolMfaConfig(_ input: GetUserPoolMfaConfigRequest, context: CallContext) async throws -> GetUserPoolMfaConfigResponse {
        let record = try await directory.record(try input.userPoolId.required, context: context)
        return UserPoolMfa.configuration(of: try directory.entry(record).stored)
    }
}
