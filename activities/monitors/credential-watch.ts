/**
 * The credential watch's activities: what to check, one check each, the owners' warning (once per
 * credential, expiry and threshold, through the delivery ledger; in the version of its template
 * approved when it is sent, which the audit names) and the lockout it opens when a check fails
 * outright (once per lockout id). Warnings and openings are audited, once each.
 */
import { ApplicationFailure } from '@temporalio/common';
import { credentialWatchKey } from '../../workflows/monitors/watch-policy.ts';
import type { LockoutIncident } from '../../workflows/domain/lockout.ts';
import { credentialOwnersOf } from '../directory.ts';
import { renderCredentialWarning } from '../documents/credential-warning.ts';
import type { CredentialWarningInput } from '../documents/credential-warning.ts';
import type { ActivityDeps } from '../deps.ts';
import type { RenderedMessage } from '../documents/message-types.ts';
import { approvedTemplates } from '../templates/template-source.ts';
import type { TemplateUse } from '../../workflows/domain/template-pins.ts';
import type { CredentialCheck, LockoutOpening, TlsCertificateCheck, WatchedProvider } from '../ports.ts';
import { WATCHED_PROVIDERS } from '../ports.ts';
import { notifyContacts } from '../staff-notifications.ts';
import type { KnownExpiry, MonitorDeps } from './monitor-deps.ts';

/** What the watch checks on this worker. */
export interface WatchTargets {
  tlsEndpoints: string[];
  providers: WatchedProvider[];
  knownExpiries: KnownExpiry[];
}

function monitorsOf(deps: ActivityDeps): MonitorDeps {
  if (!deps.monitors) {
    throw ApplicationFailure.nonRetryable('this worker has no monitors configured', 'ConfigurationError');
  }
  return deps.monitors;
}

export function listWatchTargets(deps: ActivityDeps): WatchTargets {
  const monitors = monitorsOf(deps);
  return {
    tlsEndpoints: [...monitors.tlsEndpoints],
    providers: WATCHED_PROVIDERS.filter((p) => monitors.credentials[p] !== undefined),
    knownExpiries: monitors.knownExpiries.map((k) => ({ ...k })),
  };
}

export function checkTlsCertificate(deps: ActivityDeps, input: { endpoint: string }): Promise<TlsCertificateCheck> {
  const monitors = monitorsOf(deps);
  if (!monitors.tlsEndpoints.includes(input.endpoint)) {
    throw ApplicationFailure.nonRetryable(`${input.endpoint} is not a watched TLS endpoint`, 'InvalidInput');
  }
  return monitors.tls.inspect(input.endpoint);
}

export function checkProviderCredential(
  deps: ActivityDeps,
  input: { provider: WatchedProvider },
): Promise<CredentialCheck> {
  const probe = monitorsOf(deps).credentials[input.provider];
  if (!probe) throw ApplicationFailure.nonRetryable(`no credential check for ${input.provider}`, 'ConfigurationError');
  return probe.checkCredentials();
}

export interface ExpiryWarningResult {
  recipients: number;
  /** Owners who have the warning (now or from an earlier run). */
  reached: number;
  /** Messages accepted in this call, not counting those an earlier run already sent. */
  newlySent: number;
}

/**
 * Warns the credential owners (directory `credentialOwners`, else on-call level 0). The ledger key
 * is (credential-watch:<credential>, expiry-warning:<expiresAt>:<threshold>h, owner, channel), so
 * every later run, and every retry, finds it sent and sends nothing.
 */
export async function warnCredentialExpiry(
  deps: ActivityDeps,
  input: CredentialWarningInput,
): Promise<ExpiryWarningResult> {
  const incidentId = credentialWatchKey(input.credential);
  const occasion = `${input.expiresAt}:${input.thresholdHours}h`;
  const contacts = credentialOwnersOf(deps.directory);
  // It belongs to no procedure, so nothing pins it: the version approved now, in each owner's language.
  const templates = await approvedTemplates(deps.templates, ['credential-warning']);
  const used = new Map<string, TemplateUse>();
  const render = (locale: string | undefined): RenderedMessage => {
    const message = renderCredentialWarning(input, templates, locale);
    if (message.template) used.set(JSON.stringify(message.template), message.template);
    return message;
  };
  const summary = await notifyContacts(
    deps,
    { incidentId, ledgerMilestone: `expiry-warning:${occasion}`, contacts },
    render,
  );
  await deps.audit.append({
    entryId: `monitor.expiry-warning:${input.credential}:${occasion}`,
    incidentId,
    type: 'monitor.expiry-warning',
    actor: 'herald',
    at: input.checkedAt,
    data: {
      credential: input.credential,
      description: input.description,
      expiresAt: input.expiresAt,
      thresholdHours: input.thresholdHours,
      hoursLeft: input.hoursLeft,
      recipients: contacts.map((c) => c.id),
      reached: summary.reached,
      // Each variant the warnings were rendered from: template id, locale, version, SHA-256.
      templates: [...used.values()],
    },
  });
  const accepted = summary.email.accepted + summary.sms.accepted;
  const duplicates = summary.email.duplicatesSkipped + summary.sms.duplicatesSkipped;
  return { recipients: contacts.length, reached: summary.reached, newlySent: accepted - duplicates };
}

export interface CredentialLockoutInput {
  credential: string;
  description: string;
  /** Why the check failed. */
  detail: string;
  /** ISO instant of the check. */
  checkedAt: string;
  incident: LockoutIncident;
}

/**
 * Starts the lockout procedure for a failed credential, or reaches the one its lockout id already
 * has, and audits the opening once (keyed by lockout id) in the procedure's own trail.
 */
export async function openCredentialLockout(
  deps: ActivityDeps,
  input: CredentialLockoutInput,
): Promise<LockoutOpening> {
  const opening = await monitorsOf(deps).lockouts.openLockout({ incident: input.incident });
  await deps.audit.append({
    entryId: `monitor.lockout-opened:${input.incident.lockoutId}`,
    incidentId: opening.workflowId,
    type: 'monitor.lockout-opened',
    actor: 'herald',
    at: input.checkedAt,
    data: {
      credential: input.credential,
      description: input.description,
      detail: input.detail,
      lockoutId: input.incident.lockoutId,
      cause: input.incident.cause,
      started: opening.started,
    },
  });
  return opening;
}
