import AWSWire
import CognitoModel
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Logging

/// `POST /`: reads `X-Amz-Target`, checks authorization and body size, and runs the operation.
/// Failures are thrown as ``AWSServiceError`` for ``AWSErrorMiddleware`` to write.
struct AWSJSONDispatcher: Sendable {
    let registry: OperationRegistry
    let configuration: GatehouseConfiguration

    static let target = HTTPField.Name("X-Amz-Target")!
    static let requestID = HTTPField.Name("x-amzn-RequestId")!
    static let contentType = "application/x-amz-json-1.1"

    func respond(to request: Request, context: GatehouseRequestContext) async throws -> Response {
        let name = try AmzTarget.operationName(header: request.headers[Self.target],
                                               targetPrefix: CognitoIdentityProvider.targetPrefix)
        guard let operation = CognitoIdentityProvider.operations[name] else {
            throw AWSServiceError.unknownOperation("Unknown operation \(name).")
        }
        let authorization = request.headers[.authorization]
        if operation.requiresIAMAuthorization, authorization == nil {
            throw AWSServiceError.missingAuthenticationToken
        }
        guard let handler = registry.handler(for: name) else {
            throw AWSServiceError.notImplemented(operation: name)
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: configuration.maximumBodySize)
        } catch is NIOTooManyBytesError {
            throw AWSServiceError.requestEntityTooLarge(limit: configuration.maximumBodySize)
        }
        let region = authorization.flatMap(SigV4CredentialScope.init(authorizationHeader:))?.region ?? configuration.defaultRegion
        let call = CallContext(region: region, accountID: configuration.accountID,
                               requestID: context.requestID, logger: context.logger)
        let output = try await handler(Array(body.readableBytesView), call)
        return Response(status: .ok, headers: [.contentType: Self.contentType], body: .init(byteBuffer: ByteBuffer(bytes: output)))
    }
}
