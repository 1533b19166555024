import Instrumentation
import Synchronization
import Tracing
import W3CTraceContext

/// A tracer whose finished spans wait in memory for ``OTLPExporter``: swift-distributed-tracing's
/// `Tracer`, with W3C Trace Context (`traceparent`, `tracestate`) as what requests carry. Every
/// span is kept (sampled), up to ``capacity`` waiting; beyond that new ones are dropped and counted.
final class OTLPTracer: Tracer, Sendable {
    typealias Span = OTLPSpan

    /// The spans that ended and wait to be exported, and how many were dropped for want of room.
    private let waiting = Mutex<(spans: [FinishedSpan], dropped: Int)>(([], 0))
    let capacity: Int

    init(capacity: Int = 8_192) {
        self.capacity = capacity
    }

    func startSpan<Instant: TracerInstant>(_ operationName: String, context: @autoclosure () -> InstrumentationContext,
                                           ofKind kind: SpanKind, at instant: @autoclosure () -> Instant, function: String,
                                           file fileID: String, line: UInt) -> OTLPSpan {
        var context = context()
        let parent = context.traceContext
        let trace = TraceContext(traceID: parent?.traceID ?? .random(), spanID: .random(), flags: parent?.flags ?? .sampled,
                                 state: parent?.state ?? TraceState())
        context.traceContext = trace
        return OTLPSpan(operationName, kind: kind, context: context, parentSpanID: parent?.spanID,
                        start: instant().nanosecondsSinceEpoch, tracer: self)
    }

    func forceFlush() {}

    func extract<Carrier, Extract: Extractor>(_ carrier: Carrier, into context: inout InstrumentationContext,
                                              using extractor: Extract) where Extract.Carrier == Carrier {
        guard let parent = extractor.extract(key: "traceparent", from: carrier),
              let trace = try? TraceContext(traceParentHeaderValue: parent,
                                            traceStateHeaderValue: extractor.extract(key: "tracestate", from: carrier)) else { return }
        context.traceContext = trace
    }

    func inject<Carrier, Inject: Injector>(_ context: InstrumentationContext, into carrier: inout Carrier,
                                           using injector: Inject) where Inject.Carrier == Carrier {
        guard let trace = context.traceContext else { return }
        injector.inject(trace.traceParentHeaderValue, forKey: "traceparent", into: &carrier)
        if let state = trace.traceStateHeaderValue { injector.inject(state, forKey: "tracestate", into: &carrier) }
    }

    /// Keeps a span that ended, for the exporter.
    func finished(_ span: FinishedSpan) {
        waiting.withLock { waiting in
            if waiting.spans.count < capacity { waiting.spans.append(span) } else { waiting.dropped += 1 }
        }
    }

    /// The spans waiting, taken away, and how many were dropped since the last call.
    func take() -> (spans: [FinishedSpan], dropped: Int) {
        waiting.withLock { waiting in
            defer { waiting = ([], 0) }
            return waiting
        }
    }
}

/// The W3C trace context of a span, kept in its `InstrumentationContext`.
private enum TraceContextKey: InstrumentationContextKey {
    typealias Value = TraceContext
}

extension InstrumentationContext {
    var traceContext: TraceContext? {
        get { self[TraceContextKey.self] }
        set { self[TraceContextKey.self] = newValue }
    }
}

/// A span that ended, as the exporter sends it.
struct FinishedSpan: Sendable {
    let name: String
    let kind: SpanKind
    let trace: TraceContext
    let parentSpanID: SpanID?
    let start: UInt64
    let end: UInt64
    let attributes: SpanAttributes
    let status: SpanStatus?
    let events: [SpanEvent]
}

/// A span in progress: its name, attributes, status and events can change until it ends.
final class OTLPSpan: Tracing.Span, Sendable {
    private struct State {
        var name: String
        var attributes = SpanAttributes()
        var status: SpanStatus?
        var events: [SpanEvent] = []
        var ended = false
    }

    let context: InstrumentationContext
    let kind: SpanKind
    let parentSpanID: SpanID?
    let start: UInt64
    private let tracer: OTLPTracer
    private let state: Mutex<State>

    init(_ name: String, kind: SpanKind, context: InstrumentationContext, parentSpanID: SpanID?, start: UInt64, tracer: OTLPTracer) {
        self.context = context
        self.kind = kind
        self.parentSpanID = parentSpanID
        self.start = start
        self.tracer = tracer
        state = Mutex(State(name: name))
    }

    var operationName: String {
        get { state.withLock { $0.name } }
        set { state.withLock { $0.name = newValue } }
    }

    var attributes: SpanAttributes {
        get { state.withLock { $0.attributes } }
        set { state.withLock { $0.attributes = newValue } }
    }

    var isRecording: Bool { state.withLock { !$0.ended } }

    func setStatus(_ status: SpanStatus) {
        state.withLock { $0.status = status }
    }

    func addEvent(_ event: SpanEvent) {
        state.withLock { $0.events.append(event) }
    }

    func recordError<Instant: TracerInstant>(_ error: any Error, attributes: SpanAttributes, at instant: @autoclosure () -> Instant) {
        var attributes = attributes
        attributes["exception.type"] = "\(type(of: error))"
        attributes["exception.message"] = "\(error)"
        addEvent(SpanEvent(name: "exception", at: instant(), attributes: attributes))
    }

    func addLink(_ link: SpanLink) {}

    func end<Instant: TracerInstant>(at instant: @autoclosure () -> Instant) {
        let end = instant().nanosecondsSinceEpoch
        let finished: State? = state.withLock { state in
            guard !state.ended else { return nil }
            state.ended = true
            return state
        }
        guard let finished, let trace = context.traceContext else { return }
        tracer.finished(FinishedSpan(name: finished.name, kind: kind, trace: trace, parentSpanID: parentSpanID, start: start, end: end,
                                     attributes: finished.attributes, status: finished.status, events: finished.events))
    }
}
