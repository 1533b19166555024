import AWSWire
import HTTPTypes
import Hummingbird
import NIOCore
import Logging

/// Where errors of the routes other than `POST /` leave the server (``AWSJSONDispatcher`` answers
/// its own): every response gets `x-amzn-RequestId`; an ``AWSServiceError`` becomes
/// `{"__type", "message"}` with `x-amzn-ErrorType`; anything else is logged and answered as
/// `InternalErrorException` (500) without its detail.
struct AWSErrorMiddleware: RouterMiddleware {
    typealias Context = GatehouseRequestContext

    static let errorType = HTTPField.Name("x-amzn-ErrorType")!

    func handle(_ request: Request, context: Context,
                next: @concurrent (Request, Context) async throws -> Response) async throws -> Response {
        let requestID = context.requestID
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound || error.status == .methodNotAllowed {
            let unknown = AWSServiceError.unknownOperation("Unknown operation \(request.method) \(request.uri.path).")
            response = AWSJSONDispatcher.answer(for: unknown).response
        } catch {
            response = AWSJSONDispatcher.answer(for: error, requestID: requestID, logger: context.logger).response
        }
        response.headers[AWSJSONDispatcher.requestID] = requestID
        return response
    }
}
