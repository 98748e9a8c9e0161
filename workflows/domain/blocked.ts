/**
 * Steps a provider failure holds up, as the procedure's status shows them (DESIGN convention 14).
 * A permanent failure (revoked key, missing scope, bad configuration) blocks every step on that
 * service until a periodic re-check passes or an operator sends `retry`; a transient one (outage,
 * time-outs) is retried with backoff and shown while it lasts. Plain JSON only.
 */

/** What a step reaches the world through; named by role, not by vendor. */
export const SERVICES = ['email', 'sms', 'chat', 'crm', 'store', 'procedure'] as const;
export type Service = (typeof SERVICES)[number];

/** Failure types no retry fixes: the step waits for a re-check or an operator. */
export const PERMANENT_FAILURE_TYPES = [
  'ProviderAuth',
  'InvalidScope',
  'ConfigurationError',
  'ProviderRejected',
  'InvalidInput',
] as const;

export interface BlockedService {
  service: Service;
  /** Permanent: waits for a re-check or `retry`. Transient: retried with backoff meanwhile. */
  permanent: boolean;
  /** The classified failure type, e.g. "ProviderAuth", or "Transient". */
  failureType: string;
  /** What the provider said (no addresses or numbers: adapters keep them out of failures). */
  cause: string;
  /** ISO instant of the first failure of this episode. */
  since: string;
  /** The steps waiting on it, e.g. "ops-alert:L0/email". */
  steps: string[];
  /** Re-checks made so far (permanent only). */
  rechecks: number;
}
