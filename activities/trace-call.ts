/** A span around one provider call, inside the activity's span when tracing is on (a no-op otherwise). */
import { SpanStatusCode, trace } from '@opentelemetry/api';

export function traceCall<T>(name: string, attributes: Record<string, string>, call: () => Promise<T>): Promise<T> {
  return trace.getTracer('herald').startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await call();
    } catch (err) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
      throw err;
    } finally {
      span.end();
    }
  });
}
