/**
 * A deadline for one provider call, so a hung provider fails the attempt (and Temporal retries)
 * instead of holding the activity until its start-to-close timeout.
 */

/** Default per-call timeout for the adapters. */
export const DEFAULT_PROVIDER_TIMEOUT_MS = 10_000;

/** Raised when a provider call exceeds its deadline; transient, so it is rethrown unchanged. */
export class ProviderTimeoutError extends Error {
  override readonly name = 'ProviderTimeoutError';
}

/** Resolves like `work`, or rejects with ProviderTimeoutError after `ms`. */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProviderTimeoutError(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
