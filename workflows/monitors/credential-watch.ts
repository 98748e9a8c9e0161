/**
 * The credential and certificate watch, run by a Temporal Schedule: checks every watched TLS
 * certificate and provider credential, warns the owners 72 h and again 24 h before an expiry (each
 * warning once per credential, expiry and threshold, however often it runs), and when a check fails
 * outright opens the compliance-lockout procedure itself, once per credential and UTC day.
 */
import { ApplicationFailure, log } from '@temporalio/workflow';
import type { HeraldActivities } from '../../activities/index.ts';
import { describeZodError } from '../domain/operator-actions.ts';
import { ActivityFailure, actions, checks, failureMessage } from './monitor-activities.ts';
import { autoLockoutIncident, credentialId, credentialWatchInputSchema, decide } from './watch-policy.ts';
import type { CredentialWatchInput, CredentialWatchSettings, WatchObservation } from './watch-policy.ts';

type Provider = Parameters<HeraldActivities['checkProviderCredential']>[0]['provider'];

/** How each provider's credential is named and described. */
const PROVIDER_CREDENTIALS: Record<Provider, { credential: string; description: string }> = {
  salesforce: { credential: 'salesforce-token', description: 'Salesforce integration session (OAuth)' },
  sendgrid: { credential: 'sendgrid-key', description: 'SendGrid API key' },
  twilio: { credential: 'twilio-credentials', description: 'Twilio account credentials' },
};

/** What the watch did about one observation. */
export interface WatchResult extends WatchObservation {
  outcome:
    | 'ok'
    | 'unreachable'
    | 'warned'
    | 'already-warned'
    | 'warning-failed'
    | 'lockout-opened'
    | 'lockout-reached'
    | 'lockout-failed';
  hoursLeft?: number;
  thresholdHours?: number;
  lockoutWorkflowId?: string;
}

export interface CredentialWatchReport {
  /** Workflow time of the run (ISO). */
  checkedAt: string;
  results: WatchResult[];
}

export async function credentialWatch(input: CredentialWatchInput = {}): Promise<CredentialWatchReport> {
  const parsed = credentialWatchInputSchema.safeParse(input ?? {});
  if (!parsed.success) {
    throw ApplicationFailure.nonRetryable(
      `invalid credential watch input: ${describeZodError(parsed.error)}`,
      'InvalidInput',
    );
  }
  const settings = parsed.data;
  const nowMs = Date.now();
  const checkedAt = new Date(nowMs).toISOString();

  const targets = await checks.listWatchTargets();
  const observations: WatchObservation[] = await Promise.all([
    ...targets.tlsEndpoints.map((endpoint) => observeTls(endpoint)),
    ...targets.providers.map((provider) => observeProvider(provider)),
  ]);
  for (const known of targets.knownExpiries) {
    observations.push({
      credential: known.credential,
      kind: 'known-expiry',
      description: `${known.credential} (expiry from configuration)`,
      status: 'ok',
      detail: 'expiry from configuration',
      expiresAt: known.expiresAt,
      cause: /cert/i.test(known.credential) ? 'certificate-chain-failure' : 'token-expired-or-revoked',
    });
  }

  const results = await Promise.all(observations.map((o) => handle(o, nowMs, checkedAt, settings)));
  return { checkedAt, results };
}

async function observeTls(endpoint: string): Promise<WatchObservation> {
  const base = {
    credential: credentialId('tls', endpoint),
    kind: 'tls-certificate' as const,
    description: `TLS certificate of ${endpoint}`,
    cause: 'certificate-chain-failure' as const,
  };
  try {
    const cert = await checks.checkTlsCertificate({ endpoint });
    if (!cert.chainValid) {
      return {
        ...base,
        status: 'failed',
        detail: `certificate does not verify (${cert.authorizationError ?? 'untrusted'}); valid until ${cert.validTo}`,
        expiresAt: cert.validTo,
      };
    }
    return {
      ...base,
      status: 'ok',
      detail: `issued by ${cert.issuer}; valid until ${cert.validTo}`,
      expiresAt: cert.validTo,
    };
  } catch (err) {
    if (err instanceof ActivityFailure) return { ...base, status: 'unreachable', detail: failureMessage(err) };
    throw err;
  }
}

async function observeProvider(provider: Provider): Promise<WatchObservation> {
  const base = { ...PROVIDER_CREDENTIALS[provider], kind: 'provider-credential' as const };
  const cause = 'token-expired-or-revoked' as const;
  try {
    const check = await checks.checkProviderCredential({ provider });
    return {
      ...base,
      cause,
      status: check.valid ? 'ok' : 'failed',
      detail: check.detail,
      ...(check.expiresAt === undefined ? {} : { expiresAt: check.expiresAt }),
    };
  } catch (err) {
    if (err instanceof ActivityFailure) return { ...base, cause, status: 'unreachable', detail: failureMessage(err) };
    throw err;
  }
}

async function handle(
  observation: WatchObservation,
  nowMs: number,
  checkedAt: string,
  settings: CredentialWatchSettings,
): Promise<WatchResult> {
  if (observation.status === 'unreachable') {
    log.warn('credential check gave no verdict', { credential: observation.credential, detail: observation.detail });
    return { ...observation, outcome: 'unreachable' };
  }
  const decision = decide(observation, nowMs, settings.warningThresholdsHours);
  switch (decision.action) {
    case 'none':
      return {
        ...observation,
        outcome: 'ok',
        ...(decision.hoursLeft === undefined ? {} : { hoursLeft: decision.hoursLeft }),
      };
    case 'warn': {
      const { thresholdHours, hoursLeft } = decision;
      const result = { ...observation, hoursLeft, thresholdHours };
      try {
        const warned = await actions.warnCredentialExpiry({
          credential: observation.credential,
          description: observation.description,
          expiresAt: observation.expiresAt as string,
          thresholdHours,
          hoursLeft,
          checkedAt,
        });
        return { ...result, outcome: warned.newlySent > 0 ? 'warned' : 'already-warned' };
      } catch (err) {
        if (!(err instanceof ActivityFailure)) throw err;
        log.error('credential expiry warning failed', {
          credential: observation.credential,
          error: failureMessage(err),
        });
        return { ...result, outcome: 'warning-failed' };
      }
    }
    case 'open-lockout': {
      const incident = autoLockoutIncident(observation, decision.reason, nowMs, settings.lockout);
      try {
        const opening = await actions.openCredentialLockout({
          credential: observation.credential,
          description: observation.description,
          detail: decision.reason,
          checkedAt,
          incident,
        });
        return {
          ...observation,
          outcome: opening.started ? 'lockout-opened' : 'lockout-reached',
          lockoutWorkflowId: opening.workflowId,
        };
      } catch (err) {
        if (!(err instanceof ActivityFailure)) throw err;
        log.error('opening the lockout procedure failed', {
          credential: observation.credential,
          error: failureMessage(err),
        });
        return { ...observation, outcome: 'lockout-failed' };
      }
    }
  }
}
