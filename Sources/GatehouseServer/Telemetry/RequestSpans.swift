import HTTPTypes
import Hummingbird
import Instrumentation
import Tracing

/// A server span for each request, its parent the caller's `traceparent` when it sends one.
enum RequestSpans {
    /// A span of a request with `headers`, named `name` until the answer says more.
    static func start(_ name: String, headers: HTTPFields, tracer: OTLPTracer) -> OTLPSpan {
        var context = InstrumentationContext.topLevel
        tracer.extract(headers, into: &context, using: HeaderExtractor())
        return tracer.startSpan(name, context: context, ofKind: .server)
    }

    /// Ends a request's span with its answer: an error's type marks it failed.
    static func end(_ span: OTLPSpan, status: HTTPResponse.Status, errorType: String?) {
        span.attributes["http.response.status_code"] = Int64(status.code)
        if let errorType {
            span.attributes["error.type"] = errorType
            span.setStatus(SpanStatus(code: .error, message: errorType))
        }
        span.end()
    }

    struct HeaderExtractor: Extractor {
        func extract(key: String, from headers: HTTPFields) -> String? {
            HTTPField.Name(key).flatMap { headers[$0] }
        }
    }
}

/// Traces every request the router answers (all but the Cognito API's `POST /`, which
/// ``AWSJSONDispatcher`` traces): a span named by method and route, as OpenTelemetry's HTTP
/// conventions name them.
struct RequestTracingMiddleware: RouterMiddleware {
    typealias Context = GatehouseRequestContext
    let tracer: OTLPTracer

    func handle(_ request: Request, context: Context,
                next: @concurrent (Request, Context) async throws -> Response) async throws -> Response {
        let span = RequestSpans.start("\(request.method)", headers: request.headers, tracer: tracer)
        span.attributes["http.request.method"] = request.method.rawValue
        span.attributes["url.path"] = request.uri.path
        do {
            let response = try await next(request, context)
            span.operationName = "\(request.method) \(context.endpointPath ?? request.uri.path)"
            RequestSpans.end(span, status: response.status, errorType: response.status.code >= 500 ? "\(response.status.code)" : nil)
            return response
        } catch {
            span.recordError(error)
            RequestSpans.end(span, status: (error as? HTTPResponseError)?.status ?? .internalServerError, errorType: "\(type(of: error))")
            throw error
        }
    }
}
