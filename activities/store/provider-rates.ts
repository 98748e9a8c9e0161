/**
 * One send rate per provider account, whoever sends: each page of each procedure on each worker
 * reserves its next slots here, so two mass notifications at once share the account's rate
 * instead of each taking all of it, and a rate limit's pause holds every sender of the account.
 *
 * The schedule is a virtual clock per account (the generic cell rate algorithm): a reservation of
 * n slots takes them from the later of the account's next free slot, its pause, and now, and
 * moves the next free slot on by n intervals. Times are the database's, so workers whose clocks
 * differ still share one schedule; callers get back how long to wait, not an instant.
 */
import type { ProviderRates } from '../ports.ts';
import type { SqlDriver } from './sql-driver.ts';

/** The database's clock in epoch milliseconds (the same on PGlite and PostgreSQL). */
const DB_NOW_MS = `(extract(epoch FROM clock_timestamp()) * 1000)::double precision`;

export class SqlProviderRates implements ProviderRates {
  constructor(private readonly driver: SqlDriver) {}

  async reserve(account: string, slots: number, intervalMs: number): Promise<number> {
    if (!(slots >= 1 && intervalMs > 0)) throw new RangeError(`reserve ${slots} slots of ${intervalMs} ms`);
    const span = slots * intervalMs;
    const [row] = await this.driver.query<{ wait_ms: number }>(
      `WITH clock AS (SELECT ${DB_NOW_MS} AS now_ms)
       INSERT INTO provider_rates AS r (account, next_slot_ms)
         SELECT $1, clock.now_ms + $2 FROM clock
       ON CONFLICT (account) DO UPDATE
         SET next_slot_ms = GREATEST(r.next_slot_ms, r.paused_until_ms, (SELECT now_ms FROM clock)) + $2
       RETURNING GREATEST(r.next_slot_ms - $2 - (SELECT now_ms FROM clock), 0) AS wait_ms`,
      [account, span],
    );
    return Number(row?.wait_ms ?? 0);
  }

  async pause(account: string, forMs: number): Promise<void> {
    await this.driver.query(
      `INSERT INTO provider_rates AS r (account, next_slot_ms, paused_until_ms)
         VALUES ($1, 0, ${DB_NOW_MS} + $2)
       ON CONFLICT (account) DO UPDATE
         SET paused_until_ms = GREATEST(r.paused_until_ms, EXCLUDED.paused_until_ms)`,
      [account, Math.max(0, forMs)],
    );
  }
}
