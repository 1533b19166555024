import CognitoModel
import GatehouseCore

extension MFAFeature {
    func setUserPoolMfaConfig(_ input: SetUserPoolMfaConfigRequest, context: CallContext) async throws -> SetUserPoolMfaConfigResponse {
        let record = try await directory.update(try input.userPoolId.required, context: context) { stored, record in
            try UserPoolMfa.apply(input, to: &stored, region: record.region)
        }
        let configuration = UserPoolMfa.configuration(of: try directory.entry(record).stored)
        return SetUserPoolMfaConfigResponse(
            smsMfaConfiguration: configuration.smsMfaConfiguration,
            softwareTokenMfaConfiguration: configuration.softwareTokenMfaConfiguration,
            emailMfaConfiguration: configuration.emailMfaConfiguration,
            mfaConfiguration: configuration.mfaConfiguration, webAuthnConfiguration: configuration.webAuthnConfiguration)
    }
}
