/**
 * A data-leak procedure whose next-channel follow-up comes at 23:30 on an affected person's clock:
 * the delivery-report window is set to end then, the notice is approved, and the person's email is
 * reported bounced once it went out. For the follow-up's quiet hours (tests and recorded histories).
 */
import assert from 'node:assert/strict';
import type { WorkflowHandle } from '@temporalio/client';
import { act, startDataLeak } from '../../client/data-leak-client.ts';
import type { AffectedPerson } from '../../workflows/domain/contacts.ts';
import type { dataLeakNotification } from '../../workflows/index.ts';
import { acknowledgedDraft, legal } from './workflow-harness.ts';
import type { Harness, Scenario } from './workflow-harness.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** The wall clock in `timeZone` at `ms`: "2026-12-03 23:30". */
export function localTime(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(ms);
}

/** The first whole minute at or after `fromMs` that reads `hhmm` in `timeZone`. */
export function nextLocal(fromMs: number, hhmm: string, timeZone: string): number {
  const first = Math.ceil(fromMs / MINUTE) * MINUTE;
  for (let ms = first; ms < first + 48 * HOUR; ms += MINUTE)
    if (localTime(ms, timeZone).endsWith(` ${hhmm}`)) return ms;
  throw new Error(`no ${hhmm} in ${timeZone} within two days`);
}

export interface LateEveningBounce {
  incidentId: string;
  /** Emailed first (the procedure sends email first), with a phone and a `timeZone`. */
  person: AffectedPerson & { timeZone: string };
  /** The notice's internal target this long after the 23:30. */
  targetAfterLateEvening: number;
  /** True once the notice's email to the person was accepted. */
  emailed: () => boolean;
}

/**
 * Starts the procedure, approves the notice and bounces the person's email once it went out;
 * returns the handle with the person's 23:30 (when the follow-up runs) and the next 08:00 there.
 */
export async function bouncedAtLateEvening(
  harness: Harness,
  s: Scenario,
  { incidentId, person, targetAfterLateEvening, emailed }: LateEveningBounce,
): Promise<{ handle: WorkflowHandle<typeof dataLeakNotification>; lateEvening: number; morning: number }> {
  // The notice goes out three minutes in (acknowledgement, then approval), seconds after that.
  const sentAt = (await harness.env.currentTimeMs()) + 3 * MINUTE;
  const lateEvening = nextLocal(sentAt + HOUR, '23:30', person.timeZone);
  const window = lateEvening - sentAt;
  const { handle } = await startDataLeak(
    s.client,
    {
      incident: s.incident(incidentId),
      affectedChannels: 'email-first',
      timing: { deliveryReportWindowMs: window, affectedPeopleTargetMs: window + targetAfterLateEvening },
    },
    s.taskQueue,
  );
  const draft = await acknowledgedDraft(harness, handle);
  await act(handle, 'approve', { actor: legal, version: draft.version, sha256: draft.sha256 });
  // Wait (in real time) for the notice's email; the report window is a timer the server skips later.
  for (let i = 0; i < 200 && !emailed(); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(emailed(), 'the notice was emailed');
  const outcome = await s.deps.deliveryStatus?.record([
    {
      key: { incidentId, milestone: 'affected-people', recipientId: person.id, channel: 'email' },
      provider: 'sendgrid',
      eventId: `evt-bounce-${incidentId}`,
      state: 'bounced',
      providerStatus: 'bounce',
      occurredAt: new Date().toISOString(),
      detail: '550 5.1.1 mailbox unknown',
    },
  ]);
  assert.equal(outcome?.recorded, 1, 'the bounce was recorded');
  return { handle, lateEvening, morning: nextLocal(lateEvening, '08:00', person.timeZone) };
}
