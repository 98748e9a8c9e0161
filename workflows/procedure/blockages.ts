/**
 * Services a failure holds up (DESIGN convention 14). The first failure of an episode is audited
 * and paged to ops on the channels that still work; a permanent one blocks the service until a
 * periodic re-check passes or an operator sends `retry`; a transient one is shown while its steps
 * retry. The list lives in the procedure's status, so `status`, the CLI and Temporal UI show it.
 */
import { condition } from '@temporalio/workflow';
import { inBackground } from './background.ts';
import type { BlockedService, Service } from '../domain/blocked.ts';
import { activities } from './activity-proxies.ts';
import type { ClassifiedFailure } from './failures.ts';
import { classifyFailure } from './failures.ts';
import type { CoreState, ProcedureContextBase } from './procedure-context.ts';

/** Re-check interval for procedures whose timing predates the setting. */
export const DEFAULT_RECHECK_MS = 5 * 60_000;

export class Blockages {
  private episodes = 0;

  constructor(
    private readonly ctx: ProcedureContextBase<CoreState, string>,
    /** Pages ops about a service's failure on the channels that still work. */
    private readonly alert: (entry: BlockedService, key: string) => Promise<void>,
  ) {}

  private get list(): BlockedService[] {
    return (this.ctx.state.status.blocked ??= []);
  }

  entry(service: Service): BlockedService | undefined {
    return this.list.find((b) => b.service === service);
  }

  /** Blocked for good until a re-check or an operator: steps on it wait. */
  isBlocked(service: Service): boolean {
    return this.entry(service)?.permanent === true;
  }

  /** A step on `service` failed: record it; a new episode (or one turning permanent) is audited and paged. */
  async failed(service: Service, step: string, failure: ClassifiedFailure, page: boolean): Promise<void> {
    let entry = this.entry(service);
    const news = entry === undefined || (failure.permanent && !entry.permanent);
    if (entry === undefined) {
      entry = {
        service,
        permanent: failure.permanent,
        failureType: failure.type,
        cause: failure.message,
        since: this.ctx.nowIso(),
        steps: [],
        rechecks: 0,
      };
      this.list.push(entry);
    } else if (failure.permanent || !entry.permanent) {
      Object.assign(entry, { permanent: failure.permanent, failureType: failure.type, cause: failure.message });
    }
    if (!entry.steps.includes(step)) entry.steps.push(step);
    this.ctx.publish();
    if (!news) return;
    await this.ctx.audit(failure.permanent ? 'service.blocked' : 'service.failing', 'herald', {
      service,
      step,
      failureType: failure.type,
      cause: failure.message,
    });
    const key = `${service}:${++this.episodes}`;
    // Both run beside the step: the step waits for the service, not for the page or the re-check.
    if (failure.permanent) inBackground(this.recheck(entry));
    if (page) inBackground(this.pageWhenLasting(entry, key));
  }

  /**
   * A permanent failure is paged at once; a transient one only if it lasts a re-check interval,
   * so a short burst of 5xx answers that the retries ride out pages nobody.
   */
  private async pageWhenLasting(entry: BlockedService, key: string): Promise<void> {
    const current = () => this.entry(entry.service) === entry;
    if (!entry.permanent) {
      await condition(() => !current() || entry.permanent, this.recheckMs());
      if (!current()) return;
    }
    await this.alert(entry, key);
  }

  private recheckMs(): number {
    return this.ctx.state.timing.blockedRecheckMs ?? DEFAULT_RECHECK_MS;
  }

  /** A step on `service` succeeded: it no longer waits; a transient episode ends with its last step. */
  async succeeded(service: Service, step: string): Promise<void> {
    const entry = this.entry(service);
    if (!entry) return;
    this.leave(service, step);
    if (!entry.permanent && entry.steps.length === 0) {
      this.remove(entry);
      await this.ctx.audit('service.recovered', 'herald', { service, since: entry.since });
    }
  }

  /** A step found `service` blocked before its first call: it waits with the others, and says so. */
  waiting(service: Service, step: string): void {
    const entry = this.entry(service);
    if (!entry || entry.steps.includes(step)) return;
    entry.steps.push(step);
    this.ctx.publish();
  }

  /** A step gave up waiting (its notice is no longer needed). */
  leave(service: Service, step: string): void {
    const entry = this.entry(service);
    if (!entry) return;
    entry.steps = entry.steps.filter((s) => s !== step);
    this.ctx.publish();
  }

  /** Unblocks `service` (or every service): its steps try again now. */
  async unblock(service: Service | undefined, by: string, detail: string): Promise<Service[]> {
    const released = this.list.filter((b) => service === undefined || b.service === service);
    for (const entry of released) this.remove(entry);
    this.ctx.state.retryEpoch = (this.ctx.state.retryEpoch ?? 0) + 1;
    for (const entry of released) {
      await this.ctx.audit('service.unblocked', by, { service: entry.service, detail, steps: entry.steps });
    }
    return released.map((b) => b.service);
  }

  private remove(entry: BlockedService): void {
    const i = this.list.indexOf(entry);
    if (i >= 0) this.list.splice(i, 1);
    this.ctx.publish();
  }

  /** Every re-check interval, asks the service whether it works again; unblocks it when it does. */
  private async recheck(entry: BlockedService): Promise<void> {
    const interval = this.recheckMs();
    const current = () => this.entry(entry.service) === entry;
    for (;;) {
      await condition(() => !current(), interval);
      if (!current()) return; // an operator's retry released it
      entry.rechecks++;
      let check: { passed: boolean; detail: string };
      try {
        check = await activities.checkService({ service: entry.service });
      } catch (err) {
        check = { passed: false, detail: classifyFailure(err).message };
      }
      if (!current()) return;
      if (check.passed) {
        await this.unblock(entry.service, 'herald', `re-check passed: ${check.detail}`);
        return;
      }
      this.ctx.publish();
    }
  }
}
