/**
 * The SMS of one page of affected people: one Twilio request per person (Twilio has no batch
 * send), paced at the deployment's rate, several in flight. Each chunk is reserved in the ledger
 * just before it is sent and confirmed right after, so a crash leaves at most one chunk to
 * reconcile; the heartbeat carries the cursor past the chunks already done.
 */
import { Context, heartbeat } from '@temporalio/activity';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AffectedPerson } from '../../workflows/domain/contacts.ts';
import type { AffectedChannelPolicy } from '../../workflows/domain/policy.ts';
import type { ActivityDeps } from '../deps.ts';
import type { LedgerEntry, RecipientReceipt, SendReceipt } from '../ports.ts';
import { auditPage, deliveryGroup, deliveryKey, emptyPageResult, PageRenderer, PLAUSIBLE_EMAIL } from './page.ts';
import type { ChannelPageResult, PageInput } from './page.ts';
import { RatePacer } from './rate-pacer.ts';
import {
  ambiguousBackoffMs,
  classifyFailure,
  MAX_AMBIGUOUS_ATTEMPTS,
  MAX_RATE_LIMITED_ATTEMPTS,
} from './send-retry.ts';
import { DEFAULT_FANOUT } from './settings.ts';

export interface SmsPageInput extends PageInput {
  /** SMS per second for this batch (the deployment's rate, from the plan). */
  perSecond: number;
  /** 'email-first': only people without a usable email address; default every phone. */
  channels?: AffectedChannelPolicy;
}

interface Cursor {
  next: number;
  result: ChannelPageResult;
}

type Outcome = { receipt: SendReceipt; reconciled: boolean } | { failed: string };

export async function sendAffectedSmsPage(deps: ActivityDeps, input: SmsPageInput): Promise<ChannelPageResult> {
  const page = await deps.recipients.page(input.incidentId, input.offset, input.limit);
  const emailFirst = input.channels === 'email-first';
  const people = page.filter((p) => p.phone && !(emailFirst && PLAUSIBLE_EMAIL.test(p.email ?? '')));
  const resumed = Context.current().info.heartbeatDetails as Cursor | undefined;
  const result = resumed?.result ?? { ...emptyPageResult(), addressed: people.length };
  const concurrency = deps.fanout?.smsConcurrency ?? DEFAULT_FANOUT.smsConcurrency;
  // Larger chunks keep every lane busy; a crash leaves at most one chunk to look up.
  const chunkSize = concurrency * 8;
  const pacer = new RatePacer(input.perSecond);
  const renderer = new PageRenderer(deps, input);
  const group = deliveryGroup(input.incidentId, 'sms');

  for (let start = resumed?.next ?? 0; start < people.length; start += chunkSize) {
    const chunk = people.slice(start, start + chunkSize);
    const before = await deps.ledger.reserveBatch(
      group,
      chunk.map((p) => p.id),
    );
    const receipts: RecipientReceipt[] = [];
    const failures: { recipientId: string; error: string }[] = [];
    try {
      await inParallel(chunk.length, concurrency, async (i) => {
        const person = chunk[i] as AffectedPerson;
        const earlier = before[i] ?? null;
        if (earlier?.state === 'sent') {
          result.accepted++;
          result.duplicatesSkipped++;
          return;
        }
        if (earlier?.state === 'failed') {
          result.failed++;
          return;
        }
        const outcome = await sendOne(deps, pacer, person, renderer.messageFor(person).sms, input.incidentId, earlier);
        if ('failed' in outcome) {
          failures.push({ recipientId: person.id, error: outcome.failed });
          result.failed++;
        } else {
          receipts.push({ recipientId: person.id, ...outcome.receipt });
          result.accepted++;
          if (outcome.reconciled) result.duplicatesSkipped++;
        }
      });
    } finally {
      // What was accepted is confirmed even when the chunk gives up, so a retry resends nothing.
      await deps.ledger.confirmBatch(group, receipts);
      await deps.ledger.failBatch(group, failures);
    }
    heartbeat({ next: start + chunk.length, result } satisfies Cursor);
  }
  await auditPage(deps, input, 'sms', people);
  return result;
}

/** One person's SMS: reconciled first when an earlier attempt may have sent it, retried in place. */
async function sendOne(
  deps: ActivityDeps,
  pacer: RatePacer,
  person: AffectedPerson,
  body: string,
  incidentId: string,
  earlier: LedgerEntry | null,
): Promise<Outcome> {
  const to = person.phone as string;
  const key = deliveryKey(incidentId, person.id, 'sms');
  let ambiguousSince = earlier?.state === 'reserved' ? earlier.reservedAt : undefined;
  let ambiguous = 0;
  let rateLimited = 0;
  for (;;) {
    let attemptAt: string | undefined;
    try {
      if (ambiguousSince !== undefined) {
        const found = await deps.sms.findSent(key, to, ambiguousSince, body);
        if (found) return { receipt: found, reconciled: true };
      }
      await pacer.take();
      attemptAt = new Date().toISOString();
      const receipt = await deps.sms.send({ to, body, deliveryKey: key });
      return { receipt, reconciled: false };
    } catch (err) {
      const failure = classifyFailure(err);
      if (failure.kind === 'invalid-recipient') return { failed: failure.message };
      if (failure.kind === 'fatal') throw err;
      if (failure.kind === 'rate-limited') {
        if (++rateLimited > MAX_RATE_LIMITED_ATTEMPTS) throw err;
        pacer.pauseUntil(Date.now() + failure.delayMs);
        continue;
      }
      // The send may have reached the provider: look it up before any resend.
      ambiguousSince ??= attemptAt;
      if (++ambiguous >= MAX_AMBIGUOUS_ATTEMPTS) throw err;
      heartbeat();
      await sleep(ambiguousBackoffMs(ambiguous));
    }
  }
}

/** Runs `work(0..count-1)` with at most `limit` at once; the first failure rejects after all settle. */
async function inParallel(count: number, limit: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  // Provider SDKs and adapters throw Error instances.
  let firstError: Error | undefined;
  const lanes = Array.from({ length: Math.min(limit, count) }, async () => {
    while (next < count && firstError === undefined) {
      const i = next++;
      try {
        await work(i);
      } catch (err) {
        firstError ??= err as Error;
      }
    }
  });
  await Promise.all(lanes);
  if (firstError !== undefined) throw firstError;
}
