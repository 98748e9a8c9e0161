/**
 * Errors across a thread boundary. Structured clone keeps an Error's message and name but drops
 * what the send path reads: an ApplicationFailure's type, retry hint and details, a transient
 * error's HTTP status or socket code. Both sides agree on this plain-JSON form instead.
 */
import { ApplicationFailure } from '@temporalio/common';

export type TransferredError =
  | {
      failure: {
        message: string;
        type: string | null | undefined;
        nonRetryable: boolean;
        nextRetryDelay?: number;
        details?: unknown[];
      };
    }
  | { error: { name: string; message: string; props: Record<string, string | number | boolean> } };

export function packError(err: unknown): TransferredError {
  if (err instanceof ApplicationFailure) {
    const delay: unknown = err.nextRetryDelay;
    return {
      failure: {
        message: err.message,
        type: err.type,
        nonRetryable: err.nonRetryable === true,
        ...(typeof delay === 'number' ? { nextRetryDelay: delay } : {}),
        ...(err.details ? { details: [...err.details] } : {}),
      },
    };
  }
  const e = err instanceof Error ? err : new Error(String(err));
  const props: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(e)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') props[k] = v;
  }
  return { error: { name: e.name, message: e.message, props } };
}

/** The error the other side threw, as the code on this side reads it. */
export function unpackError(packed: TransferredError): Error {
  if ('failure' in packed) {
    const { message, type, nonRetryable, nextRetryDelay, details } = packed.failure;
    return ApplicationFailure.create({
      message,
      type: type ?? undefined,
      nonRetryable,
      ...(nextRetryDelay !== undefined ? { nextRetryDelay } : {}),
      ...(details ? { details } : {}),
    });
  }
  const { name, message, props } = packed.error;
  const err = Object.assign(new Error(message), props);
  // An own property, so it wins over a `name` copied among the props.
  Object.defineProperty(err, 'name', { value: name, enumerable: false, configurable: true, writable: true });
  return err;
}
