/**
 * The SMS of one page of affected people: one Twilio request per person (Twilio has no batch
 * send), paced at the deployment's rate, several in flight. Each chunk is claimed in the ledger
 * while the one before it is sent and confirmed right after, so a crash leaves at most the chunks
 * in flight and the next to reconcile; the heartbeat carries the cursor past the people settled
 * without a gap. A failed send goes back in line (send-line.ts) instead of holding its lane. Every
 * wait (the pacer, a rate limit's reset, the delay before a lookup) heartbeats and ends on
 * cancellation; before each send the page checks it was neither cancelled nor fenced out by a
 * retried attempt.
 */
import { templatesFor } from '../templates/template-source.ts';
import { Context, heartbeat } from '@temporalio/activity';
import type { AffectedPerson } from '../../workflows/domain/contacts.ts';
import type { AffectedChannelPolicy } from '../../workflows/domain/policy.ts';
import type { ActivityDeps } from '../deps.ts';
import { recordFailedAttempt } from '../delivery-attempts.ts';
import { assertDrillRecipients } from '../drills/drill-recipients.ts';
import type { ClaimedKey, ClaimKeeper } from '../fencing/claim-keeper.ts';
import type { DeliveryGroup, LedgerEntry, RecipientReceipt, SendReceipt } from '../ports.ts';
import { auditPage, deliveryGroup, deliveryKey, PageRenderer, PLAUSIBLE_EMAIL } from './page.ts';
import type { ChannelPageResult, PageInput } from './page.ts';
import { pageClaim, runClaimed } from './page-claim.ts';
import { accountPacer } from './account-pacer.ts';
import type { RatePacer } from './rate-pacer.ts';
import { settledNeverWait, splitForQuietHours } from './sms-quiet-hours.ts';
import type { SmsQuietInput } from './sms-quiet-hours.ts';
import { classifyFailure, MAX_AMBIGUOUS_ATTEMPTS, MAX_RATE_LIMITED_ATTEMPTS, retryDelayMs } from './send-retry.ts';
import { inLine } from './send-line.ts';
import { LATER_RUN_AFTER_MS, laterRun, LeftBehind } from './later-run.ts';
import type { LaterRun } from './later-run.ts';
import type { Again } from './send-line.ts';
import { DEFAULT_FANOUT } from './settings.ts';
import { SendSlots } from './send-slots.ts';

export interface SmsPageInput extends PageInput {
  /** SMS per second for this batch (the deployment's rate, from the plan). */
  perSecond: number;
  /** 'email-first': only people without a usable email address; default every phone. */
  channels?: AffectedChannelPolicy;
  /** Quiet hours apply: who is in their night waits for morning where the bounds allow. Absent: nobody waits. */
  quiet?: SmsQuietInput;
  /** Which run of this page (0 first; each later one sends those who waited); names its audit entry. */
  round?: number;
}

/** An SMS page's outcome, with the people who wait for their morning or an earlier attempt's lease. */
export type SmsPageResult = ChannelPageResult & LaterRun;

interface Cursor {
  /** People before this index are settled in the ledger (sent, failed or skipped). */
  next: number;
}

type Outcome = { receipt: SendReceipt; reconciled: boolean } | { failed: string };

/** Confirmations are written this many at a time (or when the page ends). */
const FLUSH_EVERY = 64;

export async function sendAffectedSmsPage(deps: ActivityDeps, input: SmsPageInput): Promise<SmsPageResult> {
  const page = await deps.recipients.page(input.incidentId, input.offset, input.limit);
  assertDrillRecipients(deps.directory, input.incidentId, page);
  const emailFirst = input.channels === 'email-first';
  const addressed = page.filter((p) => p.phone && !(emailFirst && PLAUSIBLE_EMAIL.test(p.email ?? '')));
  const group = deliveryGroup(input.incidentId, 'sms');
  const split = splitForQuietHours(deps, addressed, input.quiet);
  const {
    now: people,
    waiting,
    resumeAt,
  } = input.round ? await settledNeverWait(deps, group, addressed, split) : split;
  const from = (Context.current().info.heartbeatDetails as Cursor | undefined)?.next ?? 0;
  const todo = people.slice(from);
  const concurrency = deps.fanout?.smsConcurrency ?? DEFAULT_FANOUT.smsConcurrency;
  const renderer = new PageRenderer(deps, input, await templatesFor(deps.templates, input.incidentId));
  const ledger = new ChunkedLedger(deps, group, todo, concurrency * 4, from);
  const { keeper } = ledger;
  const pacer = accountPacer(deps, 'sms', input.perSecond, keeper.waits.wait);
  const slots = (deps.smsSlots ?? new SendSlots(concurrency)).forPage(keeper.waits.signal);
  let duplicatesSkipped = 0;

  const later = new LeftBehind();
  const sendAll = async (): Promise<void> => {
    try {
      // Every lane takes the next person as soon as it is free: no lane waits for a slow chunk, nor
      // for a failed send's retry (that person goes back in line). A cancelled or fenced-out page
      // takes nobody new; lanes mid-call finish and are recorded.
      await inLine<SmsRetry>(todo.length, concurrency, keeper, async (i, retry) => {
        const person = todo[i] as AffectedPerson;
        let tries = retry;
        if (tries === undefined) {
          const key = await ledger.reservation(i);
          if (key.final) {
            if (key.previous?.state === 'sent') duplicatesSkipped++;
            ledger.settle(i);
            return undefined;
          }
          tries = firstTry(key.previous);
          // An earlier attempt's lease still covers this person (its send may be in flight). A
          // short wait is spent back in line while the lane takes the next person; a long one
          // (a dead worker's lease, two provider deadlines) is left to a later run of the page, so
          // the next page need not wait for it; never settled here, the cursor stays before them.
          const left = key.readyAt - performance.now();
          if (left > LATER_RUN_AFTER_MS) {
            later.leave(person.id, key.readyAt);
            return undefined;
          }
          if (left > 0) return { again: tries, notBeforeMs: key.readyAt };
        }
        const body = renderer.messageFor(person).sms;
        const release = await slots.take();
        let outcome: Outcome | Again<SmsRetry>;
        try {
          outcome = await attemptOne(deps, keeper, pacer, person, body, input.incidentId, tries);
        } finally {
          release();
        }
        if ('again' in outcome) return outcome;
        if ('receipt' in outcome && outcome.reconciled) duplicatesSkipped++;
        await ledger.record(i, person, outcome);
        return undefined;
      });
    } finally {
      // What was accepted is confirmed even when the page stops, so a retry resends nothing.
      await ledger.flush();
    }
  };
  await runClaimed(keeper, sendAll, () => later.left);
  const counts = await auditPage(deps, input, 'sms', people, waiting, renderer.used());
  return { addressed: people.length, ...counts, duplicatesSkipped, ...laterRun(waiting, resumeAt, later.left) };
}

/**
 * The page's ledger writes: each chunk is claimed once the chunk before it is half sent (so only
 * the chunks in flight and the next are reserved and unsent), outcomes are confirmed in batches,
 * and the heartbeat's cursor moves past the people settled without a gap.
 */
class ChunkedLedger {
  readonly keeper: ClaimKeeper;
  readonly #chunks = new Map<number, Promise<ClaimedKey[]>>();
  readonly #settled: boolean[];
  #receipts: { index: number; receipt: RecipientReceipt }[] = [];
  #failures: { index: number; failure: { recipientId: string; error: string } }[] = [];
  #prefix = 0;
  #writes: Promise<void> = Promise.resolve();

  constructor(
    deps: ActivityDeps,
    group: DeliveryGroup,
    private readonly todo: readonly AffectedPerson[],
    private readonly chunkSize: number,
    private readonly from: number,
  ) {
    this.#settled = new Array<boolean>(todo.length).fill(false);
    // Waits heartbeat with the cursor, so a wait never resets where a retry resumes.
    this.keeper = pageClaim(deps, group, () => this.beat());
  }

  async reservation(i: number): Promise<ClaimedKey> {
    const chunk = Math.floor(i / this.chunkSize);
    const keys = this.#claimed(chunk);
    // Halfway through a chunk the next one is claimed, so no lane stands at a chunk's edge waiting
    // for the claim's round trip (about a tenth of the sending time at 16 lanes); a crash then
    // leaves at most one more chunk reserved to reconcile.
    if (i % this.chunkSize === Math.floor(this.chunkSize / 2) && !this.keeper.stopped) {
      this.#claimed(chunk + 1).catch(() => undefined); // awaited, with its error, by the lane that needs it
    }
    return (await keys)[i % this.chunkSize] as ClaimedKey;
  }

  #claimed(chunk: number): Promise<ClaimedKey[]> {
    let keys = this.#chunks.get(chunk);
    if (!keys) {
      const ids = this.todo.slice(chunk * this.chunkSize, (chunk + 1) * this.chunkSize).map((p) => p.id);
      keys = ids.length > 0 ? this.keeper.claimAll(ids) : Promise.resolve([]);
      this.#chunks.set(chunk, keys);
    }
    return keys;
  }

  settle(i: number): void {
    this.#settled[i] = true;
    this.#advance();
  }

  async record(i: number, person: AffectedPerson, outcome: Outcome): Promise<void> {
    if ('failed' in outcome)
      this.#failures.push({ index: i, failure: { recipientId: person.id, error: outcome.failed } });
    else this.#receipts.push({ index: i, receipt: { recipientId: person.id, ...outcome.receipt } });
    if (this.#receipts.length + this.#failures.length >= FLUSH_EVERY) await this.flush();
  }

  /** Writes what is buffered (one writer at a time, each write whatever became of the one before) and moves the cursor. */
  flush(): Promise<void> {
    const receipts = this.#receipts;
    const failures = this.#failures;
    this.#receipts = [];
    this.#failures = [];
    const write = this.#writes
      .catch(() => undefined)
      .then(async () => {
        await this.keeper.confirm(receipts.map((r) => r.receipt));
        await this.keeper.fail(failures.map((f) => f.failure));
        for (const { index } of [...receipts, ...failures]) this.#settled[index] = true;
        this.#advance();
      });
    this.#writes = write;
    return write;
  }

  /** Heartbeats the cursor (the SDK throttles the calls). */
  beat(): void {
    heartbeat({ next: this.from + this.#prefix } satisfies Cursor);
  }

  #advance(): void {
    const before = this.#prefix;
    while (this.#prefix < this.#settled.length && this.#settled[this.#prefix]) this.#prefix++;
    if (this.#prefix > before) this.beat();
  }
}

/** A person's tries so far, carried while they wait back in line. */
interface SmsRetry {
  /** Set once a send may have reached Twilio (or an earlier attempt's did): look it up before any resend. */
  ambiguousSince: string | undefined;
  ambiguous: number;
  rateLimited: number;
}

function firstTry(earlier: LedgerEntry | null): SmsRetry {
  return {
    ambiguousSince: earlier?.state === 'reserved' ? earlier.reservedAt : undefined,
    ambiguous: 0,
    rateLimited: 0,
  };
}

/**
 * One try at a person's SMS: reconciled first when a send may already have gone out. A try that
 * failed hands the person back with when they may go again: a rate limit pauses the provider
 * (the pacer holds every sender until its reset), an ambiguous failure waits its own short delay
 * (never less than the call's deadline when Twilio did not answer) while a run of them pauses
 * the provider.
 */
async function attemptOne(
  deps: ActivityDeps,
  keeper: ClaimKeeper,
  pacer: RatePacer,
  person: AffectedPerson,
  body: string,
  incidentId: string,
  tries: SmsRetry,
): Promise<Outcome | Again<SmsRetry>> {
  const to = person.phone as string;
  const key = deliveryKey(incidentId, person.id, 'sms');
  let attemptAt: string | undefined;
  try {
    if (tries.ambiguousSince !== undefined) {
      const found = await deps.sms.findSent(key, to, tries.ambiguousSince, body);
      if (found) {
        pacer.succeeded();
        return { receipt: found, reconciled: true };
      }
    }
    await pacer.take();
    await keeper.beforeSend([person.id]);
    attemptAt = new Date().toISOString();
    const receipt = await (deps.pageSends?.sms ?? deps.sms).send({ to, body, deliveryKey: key });
    pacer.succeeded();
    return { receipt, reconciled: false };
  } catch (err) {
    // Cancelled or fenced out: nothing more goes out; an unanswered send is left to reconcile.
    if (keeper.stopped) throw err;
    if (attemptAt !== undefined) {
      await recordFailedAttempt(deps, deliveryGroup(incidentId, 'sms'), [person.id], err, attemptAt);
    }
    const failure = classifyFailure(err);
    if (failure.kind === 'invalid-recipient') return { failed: failure.message };
    if (failure.kind === 'fatal') throw err;
    if (failure.kind === 'rate-limited') {
      if (tries.rateLimited + 1 > MAX_RATE_LIMITED_ATTEMPTS) throw err;
      pacer.pauseUntil(Date.now() + failure.delayMs);
      return { again: { ...tries, rateLimited: tries.rateLimited + 1 }, notBeforeMs: 0 };
    }
    // The send may have reached the provider: look it up before any resend.
    const ambiguous = tries.ambiguous + 1;
    if (ambiguous >= MAX_AMBIGUOUS_ATTEMPTS) throw err;
    pacer.failed();
    return {
      again: { ...tries, ambiguous, ambiguousSince: tries.ambiguousSince ?? attemptAt },
      notBeforeMs: performance.now() + retryDelayMs(failure, deps.fanout?.providerTimeoutMs),
    };
  }
}
