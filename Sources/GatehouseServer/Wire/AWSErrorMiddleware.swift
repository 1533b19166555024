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
        } catch let error as AWSServiceError {
            context.logger.debug("request failed", metadata: ["requestId": "\(requestID)", "type": "\(error.type)"])
            response = Self.response(for: error)
        } catch let error as HTTPError where error.status == .notFound || error.status == .methodNotAllowed {
            response = Self.response(for: .unknownOperation("Unknown operation \(request.method) \(request.uri.path)."))
        } catch {
            context.logger.error("internal error", metadata: ["requestId": "\(requestID)", "error": "\(String(reflecting: error))"])
            response = Self.response(for: .internalError)
        }
        response.headers[AWSJSONDispatcher.requestID] = requestID
        return response
    }

    static func response(for error: AWSServiceError) -> Response {
        AWSJSONDispatcher.answer(for: error).response
    }
}
