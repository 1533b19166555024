import AWSWire
import AsyncHTTPClient
import Logging
import NIOCore
import ServiceLifecycle
import Tracing
import W3CTraceContext

/// Sends the spans ``OTLPTracer`` keeps to an OpenTelemetry collector, OTLP over HTTP with JSON
/// (`POST <endpoint>/v1/traces`), every ``interval`` and once more at shutdown. A collector that
/// fails or cannot be reached loses that batch (a warning is logged); requests never wait for it.
struct OTLPExporter: Service {
    let tracer: OTLPTracer
    /// `<endpoint>/v1/traces`.
    let url: String
    let serviceName: String
    let interval: Duration
    let logger: Logger

    init(tracer: OTLPTracer, endpoint: String, serviceName: String, interval: Duration = .seconds(1), logger: Logger) {
        self.tracer = tracer
        url = (endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint) + "/v1/traces"
        self.serviceName = serviceName
        self.interval = interval
        self.logger = logger
    }

    func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            await export()
        }
    }

    /// Sends what waits, if anything does.
    func export() async {
        let (spans, dropped) = tracer.take()
        if dropped > 0 { logger.warning("spans dropped: the collector did not keep up", metadata: ["dropped": "\(dropped)"]) }
        guard !spans.isEmpty else { return }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: OTLPJSON.traces(spans, serviceName: serviceName)))
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            _ = try await response.body.collect(upTo: 1 << 20)
            if response.status.code >= 300 {
                logger.warning("the trace collector refused spans", metadata: ["status": "\(response.status.code)", "spans": "\(spans.count)"])
            }
        } catch {
            logger.warning("the trace collector cannot be reached", metadata: ["error": "\(error)", "spans": "\(spans.count)"])
        }
    }
}

/// OTLP's JSON encoding of spans (ExportTraceServiceRequest): ids in hexadecimal, times in
/// nanoseconds and integers as strings, attributes as key and typed value.
enum OTLPJSON {
    static func traces(_ spans: [FinishedSpan], serviceName: String) -> [UInt8] {
        let scope = JSONNode.object([("scope", .object([("name", .string("gatehouse"))])), ("spans", .array(spans.map(span)))])
        let resource = JSONNode.object([("attributes", attributes(["service.name": .string(serviceName)]))])
        return AWSJSON.encode(JSONNode.object([("resourceSpans", .array([.object([("resource", resource), ("scopeSpans", .array([scope]))])]))]))
    }

    static func span(_ span: FinishedSpan) -> JSONNode {
        var members: [(key: String, value: JSONNode)] = [("traceId", .string("\(span.trace.traceID)")), ("spanId", .string("\(span.trace.spanID)"))]
        if let parent = span.parentSpanID { members.append(("parentSpanId", .string("\(parent)"))) }
        members += [
            ("name", .string(span.name)), ("kind", .number(String(kind(span.kind)))),
            ("startTimeUnixNano", .string(String(span.start))), ("endTimeUnixNano", .string(String(span.end))),
            ("attributes", attributes(span.attributes)),
            ("events", .array(span.events.map { event in
                .object([("name", .string(event.name)), ("timeUnixNano", .string(String(event.nanosecondsSinceEpoch))),
                         ("attributes", attributes(event.attributes))])
            })),
        ]
        if let status = span.status {
            var fields: [(key: String, value: JSONNode)] = [("code", .number(status.code == .ok ? "1" : "2"))]
            if let message = status.message { fields.append(("message", .string(message))) }
            members.append(("status", .object(fields)))
        }
        return .object(members)
    }

    /// OTLP's SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer.
    static func kind(_ kind: SpanKind) -> Int {
        switch kind {
        case .server: 2
        case .client: 3
        case .producer: 4
        case .consumer: 5
        default: 1
        }
    }

    static func attributes(_ attributes: SpanAttributes) -> JSONNode {
        var list: [JSONNode] = []
        attributes.forEach { key, attribute in
            let value: (String, JSONNode)
            switch attribute {
            case .int32(let number): value = ("intValue", .string(String(number)))
            case .int64(let number): value = ("intValue", .string(String(number)))
            case .double(let number): value = ("doubleValue", .number(String(number)))
            case .bool(let flag): value = ("boolValue", .bool(flag))
            case .string(let text): value = ("stringValue", .string(text))
            default: value = ("stringValue", .string("\(attribute)"))
            }
            list.append(.object([("key", .string(key)), ("value", .object([value]))]))
        }
        return .array(list)
    }
}
