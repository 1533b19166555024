import AWSWire
import Foundation
import NIOCore

/// The AWS KMS API, for the one call the custom senders need: GenerateDataKey, which makes a data
/// key under a pool's KMS key. The endpoint is KMS's own in the key's region unless `endpointURL`
/// names another (LocalStack, moto, a test server).
struct KeyManagementService: Sendable {
    let endpointURL: String?
    let client: SignedAWSClient

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// A new 256-bit data key under `keyID` (an ARN), bound to `context`, with its encrypted copy
    /// and the ARN KMS names the key by.
    /// - Parameter region: the region of a key whose ARN names none.
    /// - Throws: ``Failure`` when KMS cannot be reached or refuses.
    func generateDataKey(keyID: String, context: [String: String], region: String) async throws -> EncryptionSDKMessage.DataKey {
        let region = SignedAWSClient.region(of: keyID) ?? region
        var writer = JSONWriter(capacity: 256)
        writer.beginObject()
        writer.member("KeyId", keyID)
        writer.member("NumberOfBytes", 32)
        writer.member("EncryptionContext", context)
        writer.endObject()
        let response: SignedAWSClient.Response
        do {
            response = try await client.post(writer.bytes, to: endpointURL ?? "https://kms.\(region).amazonaws.com", path: "/",
                                             headers: [("X-Amz-Target", "TrentService.GenerateDataKey"),
                                                       ("Content-Type", "application/x-amz-json-1.1")],
                                             region: region, service: "kms", timeout: .seconds(5), maximumAnswer: 65_536)
        } catch {
            throw Failure(description: "KMS GenerateDataKey: \(error)")
        }
        let node = try? JSONNode(parsing: response.body)
        guard response.status == .ok, let plaintext = node?["Plaintext"]?.string.flatMap({ Data(base64Encoded: $0) }),
              let encrypted = node?["CiphertextBlob"]?.string.flatMap({ Data(base64Encoded: $0) }) else {
            let type = node?["__type"]?.string ?? "HTTP \(response.status.code)"
            throw Failure(description: "KMS GenerateDataKey: \(type) \(node?["message"]?.string ?? node?["Message"]?.string ?? "")")
        }
        return EncryptionSDKMessage.DataKey(plaintext: Array(plaintext), encrypted: Array(encrypted), providerID: "aws-kms",
                                            providerInfo: node?["KeyId"]?.string ?? keyID)
    }
}
