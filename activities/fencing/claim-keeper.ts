/**
 * One attempt's claim on the delivery keys of one group, from the first claim to the release:
 * it waits out keys another attempt holds, checks before each provider call that the attempt was
 * neither cancelled nor fenced out and that its lease outlasts the call, renews the lease as it
 * goes, records outcomes only for keys it still holds, and lets go of the rest when it ends.
 */
import type { DeliveryGroup, DeliveryLedger, LedgerClaim, LedgerEntry, RecipientReceipt } from '../ports.ts';
import { attemptFenced } from './attempt-claim.ts';
import type { ActivityWaits } from './cancellable-wait.ts';
import type { ClaimTimings } from './claim-timings.ts';

/** A recipient's key as this attempt claimed it. */
export interface ClaimedKey {
  /** The entry before the claim; 'reserved' means an earlier attempt may have sent it. */
  previous: LedgerEntry | null;
  /** Sent or failed already: nothing to do. */
  final: boolean;
  /** `performance.now()` before which no lookup or send may happen (an earlier attempt's lease). */
  readyAt: number;
}

/** Keys an attempt leaves to a later one, and when the earlier attempt's lease on them ends (performance.now()). */
export interface LeftKeys {
  ids: readonly string[];
  readyAt: number;
}

/** The claim of one attempt on one group's keys (see the file comment). */
export class ClaimKeeper {
  /** Claimed and not settled by this attempt. */
  readonly #held = new Set<string>();
  /** Created by this claim (new keys). */
  readonly #created = new Set<string>();
  /** A send went out for them in this attempt. */
  readonly #touched = new Set<string>();
  #validUntil = -Infinity;
  #renewedAt = -Infinity;
  #fenced: Error | undefined;
  #renewing: Promise<void> | undefined;
  /** Claims and renewals one at a time, so the lease this attempt counts on is never overstated. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ledger: DeliveryLedger,
    private readonly group: DeliveryGroup,
    readonly claim: LedgerClaim,
    private readonly timings: ClaimTimings,
    readonly waits: ActivityWaits,
  ) {}

  /** Claims `recipientIds`, waiting out keys another live attempt holds; in the order given. */
  async claimAll(recipientIds: readonly string[]): Promise<ClaimedKey[]> {
    const out = new Map<string, ClaimedKey>();
    let pending = [...recipientIds];
    while (pending.length > 0) {
      this.#throwIfStopped();
      const started = performance.now();
      const result = await this.#serial(() => this.ledger.claimBatch(this.group, pending, this.claim));
      const answered = performance.now();
      if ('fencedBy' in result) throw this.#fence(`attempt ${result.fencedBy} of this activity has taken over`);
      const heldBy: string[] = [];
      let heldMs = 0;
      // Holding nothing else, this claim checked the fence and leased everything the attempt holds:
      // as good as a renewal. The lease counts from the request's start, so it is never overstated.
      if (this.#held.size === 0 && result.entries.some((e) => e.status === 'claimed')) {
        this.#validUntil = started + this.claim.leaseMs;
        this.#renewedAt = started;
      }
      result.entries.forEach((entry, i) => {
        const id = pending[i] as string;
        if (entry.status === 'held') {
          heldBy.push(id);
          heldMs = Math.max(heldMs, entry.waitMs);
          return;
        }
        if (entry.status === 'claimed') {
          this.#held.add(id);
          // Only a key this claim created and never sent may be dropped again.
          if (entry.previous === null) this.#created.add(id);
          else this.#created.delete(id);
        }
        // Another attempt's lease ends no sooner than the answer's arrival plus what it said is left.
        out.set(id, { previous: entry.previous, final: entry.status === 'final', readyAt: answered + entry.waitMs });
      });
      if (heldBy.length > 0) await this.waits.wait(heldMs);
      pending = heldBy;
    }
    return recipientIds.map((id) => out.get(id) as ClaimedKey);
  }

  /** Waits (heartbeating, cancellable) until an earlier attempt's lease on a key has run out. */
  async ready(key: ClaimedKey): Promise<void> {
    const left = key.readyAt - performance.now();
    if (left > 0) await this.waits.wait(left);
  }

  /**
   * The check before each provider call: not cancelled, not fenced out, and a lease that outlasts
   * the call (renewed when due). Marks the keys as sent-to, so a release keeps them for reconciling.
   */
  async beforeSend(recipientIds: readonly string[]): Promise<void> {
    this.#throwIfStopped();
    const due = performance.now() - this.#renewedAt >= this.timings.renewEveryMs;
    const short = this.#validUntil - performance.now() < this.timings.callBudgetMs + this.timings.renewEveryMs;
    if (due || short) await this.renew();
    this.#throwIfStopped();
    if (this.#validUntil - performance.now() < this.timings.callBudgetMs) {
      throw this.#fence('the claim could not be renewed before its lease ran short');
    }
    for (const id of recipientIds) this.#touched.add(id);
  }

  /** The provider certainly took none of these sends: a release drops them like keys never sent to. */
  sentNothing(recipientIds: readonly string[]): void {
    for (const id of recipientIds) this.#touched.delete(id);
  }

  /** Renews the lease on every key held (one renewal for all callers at once); fences this attempt out if it lost any. */
  renew(): Promise<void> {
    this.#renewing ??= this.#serial(async () => {
      if (this.#fenced) return;
      const started = performance.now();
      const result = await this.ledger.renewClaims(this.group, this.claim, [...this.#held]);
      if ('fencedBy' in result) this.#fence(`attempt ${result.fencedBy} of this activity has taken over`);
      else if (result.lost.length > 0) this.#fence(`${result.lost.length} keys taken over after the lease ran out`);
      else {
        this.#validUntil = started + this.claim.leaseMs;
        this.#renewedAt = started;
      }
    }).finally(() => {
      this.#renewing = undefined;
    });
    return this.#renewing;
  }

  /** Records receipts for keys still held; throws (fenced out) when any was refused. */
  async confirm(receipts: readonly RecipientReceipt[]): Promise<void> {
    const refused = await this.ledger.confirmBatch(this.group, receipts, this.claim);
    this.#settle(receipts.map((r) => r.recipientId));
    // Those messages went out, but the key's holder now reconciles them with the provider.
    if (refused.length > 0) throw this.#fence(`${refused.length} accepted sends left to the attempt that holds them`);
  }

  /** Records refusals for keys still held; throws (fenced out) when any was refused. */
  async fail(failures: readonly { recipientId: string; error: string }[]): Promise<void> {
    const refused = await this.ledger.failBatch(this.group, failures, this.claim);
    this.#settle(failures.map((f) => f.recipientId));
    if (refused.length > 0) throw this.#fence(`${refused.length} refusals left to the attempt that holds them`);
  }

  /**
   * Lets go after the last provider call: keys created and never sent are dropped, the other
   * unsettled ones left reserved for the next attempt to reconcile without waiting out the lease.
   * Keys `left.ids` (taken over from an earlier attempt whose send may still be in flight, and
   * left alone) stay held until `left.readyAt` (performance.now()), when the earlier lease ends.
   */
  async release(left?: LeftKeys): Promise<void> {
    const kept = new Set((left?.ids ?? []).filter((id) => !this.#touched.has(id)));
    const unsettled = [...this.#held].filter((id) => !kept.has(id));
    const unsent = unsettled.filter((id) => this.#created.has(id) && !this.#touched.has(id));
    this.#held.clear();
    const forMs = Math.max(0, Math.ceil((left?.readyAt ?? 0) - performance.now()));
    const waiting = kept.size > 0 ? { waiting: { ids: [...kept], forMs } } : {};
    await this.ledger.releaseClaims(this.group, this.claim, { unsent, unsettled, ...waiting });
  }

  /** Cancelled or fenced out: no provider call may start any more. */
  get stopped(): boolean {
    return this.waits.signal.aborted || this.#fenced !== undefined;
  }

  #settle(recipientIds: readonly string[]): void {
    for (const id of recipientIds) this.#held.delete(id);
  }

  #throwIfStopped(): void {
    this.waits.throwIfCancelled();
    if (this.#fenced) throw this.#fenced;
  }

  #fence(reason: string): Error {
    this.#fenced ??= attemptFenced(reason);
    return this.#fenced;
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
