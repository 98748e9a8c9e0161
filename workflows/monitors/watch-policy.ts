/**
 * What the credential watch decides from one observation, as pure functions: warn the owners at a
 * threshold before an expiry, open a lockout procedure when a check fails outright, or nothing.
 * No I/O and no clock of its own: the workflow passes its time in.
 */
import { z } from 'zod';
import { SEVERITIES } from '../domain/incident.ts';
import { LOCKOUT_REGIONS, LOCKOUT_SURFACES } from '../domain/lockout.ts';
import type { LockoutCause, LockoutIncident } from '../domain/lockout.ts';

const HOUR_MS = 3_600_000;

/** Hours before an expiry at which the owners are warned, each once. */
export const DEFAULT_WARNING_THRESHOLDS_HOURS = [72, 24] as const;

export const credentialWatchInputSchema = z
  .object({
    /** Warn this many hours before an expiry; each threshold once per credential and expiry. */
    warningThresholdsHours: z
      .array(z.number().positive().max(8760))
      .min(1)
      .default([...DEFAULT_WARNING_THRESHOLDS_HOURS]),
    /** How a lockout opened by the watch starts; operators refine the scope in the procedure. */
    lockout: z
      .object({
        severity: z.enum(SEVERITIES).default('critical'),
        surfaces: z.array(z.enum(LOCKOUT_SURFACES)).min(1).default(['sync-jobs']),
        regions: z.array(z.enum(LOCKOUT_REGIONS)).min(1).default(['EU', 'US']),
      })
      .prefault({}),
  })
  .prefault({});
export type CredentialWatchInput = z.input<typeof credentialWatchInputSchema>;
export type CredentialWatchSettings = z.output<typeof credentialWatchInputSchema>;

/** One thing the watch looked at, as the workflow summarises the check's result. */
export interface WatchObservation {
  /** Stable id: `salesforce-token`, `tls-api.example.com-443`, a configured known expiry. */
  credential: string;
  kind: 'tls-certificate' | 'provider-credential' | 'known-expiry';
  /** For people: "TLS certificate of api.example.com:443". */
  description: string;
  /** `failed`: refused, revoked, untrusted chain, expired; `unreachable`: no verdict this run. */
  status: 'ok' | 'failed' | 'unreachable';
  detail: string;
  /** Expiry (ISO), when known. */
  expiresAt?: string;
  /** What a failure locks out. */
  cause: LockoutCause;
}

export type WatchDecision =
  | { action: 'none'; hoursLeft?: number }
  | { action: 'warn'; thresholdHours: number; hoursLeft: number }
  | { action: 'open-lockout'; reason: string };

/** Hours from `nowMs` to `expiresAt`, one decimal. */
export function hoursUntil(expiresAt: string, nowMs: number): number {
  return Math.floor(((Date.parse(expiresAt) - nowMs) / HOUR_MS) * 10) / 10;
}

/**
 * The decision for one observation at `nowMs`: a failure (or an expiry already passed) opens a
 * lockout; otherwise the tightest threshold already reached is the one warning due (a credential
 * first seen 23 h before expiry gets the 24 h warning, not the 72 h one as well).
 */
export function decide(
  observation: WatchObservation,
  nowMs: number,
  thresholdsHours: readonly number[],
): WatchDecision {
  if (observation.status === 'failed') return { action: 'open-lockout', reason: observation.detail };
  if (observation.expiresAt === undefined) return { action: 'none' };
  const hoursLeft = hoursUntil(observation.expiresAt, nowMs);
  const msLeft = Date.parse(observation.expiresAt) - nowMs;
  if (msLeft <= 0) {
    return { action: 'open-lockout', reason: `expired at ${observation.expiresAt}` };
  }
  // The exact time left, not the rounded-down hours: 72 h 05 min left has not reached 72 h yet.
  const reached = thresholdsHours.filter((t) => msLeft <= t * HOUR_MS);
  if (reached.length === 0) return { action: 'none', hoursLeft };
  return { action: 'warn', thresholdHours: Math.min(...reached), hoursLeft };
}

/** Audit trail key of the customer contact snapshot's entries. */
export const CONTACT_SNAPSHOT_AUDIT_KEY = 'customer-contacts';

/** Store and audit key of a watched credential (ledger incident id). */
export function credentialWatchKey(credential: string): string {
  return `credential-watch:${credential}`;
}

/** A credential id from free text (host names, configured names): business-id characters only. */
export function credentialId(...parts: string[]): string {
  return parts
    .join('-')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/-+$/, '');
}

/** FNV-1a, 32 bit, as 8 hex digits: a short stable suffix for ids that must be shortened. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Longest lockout id: the business-id limit. */
const MAX_LOCKOUT_ID = 64;

/**
 * The lockout id a failing credential opens on a UTC day, e.g. `auto-salesforce-token-2026-11-22`:
 * every run that day reaches the same procedure. Long credential ids are shortened with a hash.
 */
export function autoLockoutId(credential: string, nowMs: number): string {
  const day = new Date(nowMs).toISOString().slice(0, 10);
  const id = `auto-${credential}-${day}`;
  if (id.length <= MAX_LOCKOUT_ID) return id;
  const room = MAX_LOCKOUT_ID - `auto--${day}`.length - 9;
  return `auto-${credential.slice(0, room).replace(/[-.]+$/, '')}-${fnv1a(credential)}-${day}`;
}

/** The lockout's description limit: a provider's message of any length must not make the opening invalid. */
const MAX_DESCRIPTION = 4000;

/** `head` shortened (with an ellipsis) so that `head + tail` fits the description limit. */
function capped(head: string, tail: string): string {
  const room = MAX_DESCRIPTION - tail.length;
  return (head.length > room ? `${head.slice(0, room - 1)}…` : head) + tail;
}

/** The lockout incident the watch opens for a failed observation. */
export function autoLockoutIncident(
  observation: WatchObservation,
  reason: string,
  nowMs: number,
  settings: CredentialWatchSettings['lockout'],
): LockoutIncident {
  const at = new Date(nowMs).toISOString();
  return {
    lockoutId: autoLockoutId(observation.credential, nowMs),
    detectedAt: at,
    severity: settings.severity,
    title: `Credential watch: ${observation.description} failed`.slice(0, 200),
    cause: observation.cause,
    description: capped(
      `${observation.description}: ${reason}`,
      `. Opened by the credential watch at ${at}; refine the scope (surfaces, regions, EU personal data) with a scope change.`,
    ),
    surfaces: [...settings.surfaces],
    regions: [...settings.regions],
    euPersonalDataInterrupted: false,
    reporter: { name: 'Herald credential watch' },
  };
}
