/**
 * OpenTelemetry tracing from trigger to provider call: Temporal's OpenTelemetry plugin (client,
 * workflow and activity interceptors; workflow spans leave the sandbox through a sink) over a
 * tracer provider that exports to an OTLP/HTTP endpoint, or to the exporter a test gives.
 */
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OpenTelemetryPlugin } from '@temporalio/interceptors-opentelemetry';

export interface Tracing {
  /** For both `new Client({ plugins })` and `Worker.create({ plugins })`. */
  plugin: OpenTelemetryPlugin;
  /** Flushes and stops exporting. */
  shutdown(): Promise<void>;
}

/** `endpoint`: an OTLP/HTTP traces URL (batched export); `exporter`: a test's exporter (exported at once). */
export function startTracing(service: string, target: { endpoint: string } | { exporter: SpanExporter }): Tracing {
  const resource = new Resource({ 'service.name': service });
  const spanProcessor: SpanProcessor =
    'exporter' in target
      ? new SimpleSpanProcessor(target.exporter)
      : new BatchSpanProcessor(new OTLPTraceExporter({ url: target.endpoint }));
  const provider = new BasicTracerProvider({ resource, spanProcessors: [spanProcessor] });
  // Global tracer, context manager and propagator: the interceptors carry the trace context in
  // Temporal headers, and Herald's own spans (the provider calls) nest in the activity's span.
  provider.register({
    contextManager: new AsyncLocalStorageContextManager().enable(),
    propagator: new W3CTraceContextPropagator(),
  });
  const plugin = new OpenTelemetryPlugin({ resource, spanProcessor, tracer: provider.getTracer('herald') });
  return { plugin, shutdown: () => provider.shutdown() };
}
