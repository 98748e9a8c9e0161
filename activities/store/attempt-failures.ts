/**
 * Failed provider attempts, one row per recipient and attempt: what the drill report lists one by
 * one (the affected people's pages send to many at once, so the audit trail records each page, not
 * each try). Rows name the recipient by id, never by address or number, and carry the failure's
 * class, HTTP status and provider code, never the provider's message (it may echo the address).
 */
import type { DeliveryGroup } from '../ports.ts';
import type { SqlDriver } from './sql-driver.ts';
import { orUndefined, toInt, toIso } from './sql-values.ts';

/** What one failed attempt was, whoever it was for. */
export interface AttemptFailureFacts {
  /** The provider called: SendGrid, Twilio… */
  provider: string;
  /** The failure's class: InvalidRecipient, RateLimited, ResponseError, TimeoutError… */
  failureType: string;
  status?: number;
  /** The provider's own code (Twilio 21610…), when it gave one. */
  code?: string;
  /** When the call was made (ISO). */
  at: string;
}

export interface AttemptFailure extends AttemptFailureFacts {
  recipientId: string;
  channel: string;
}

/** Failed attempts of one milestone, oldest first, at most `limit` of them. */
export interface AttemptFailurePage {
  /** Every failed attempt recorded for the milestone. */
  total: number;
  rows: AttemptFailure[];
}

export interface AttemptFailureLog {
  /** Records that the attempt for each of `recipientIds` in `group` failed with `facts`. */
  record(group: DeliveryGroup, recipientIds: readonly string[], facts: AttemptFailureFacts): Promise<void>;
  list(incidentId: string, milestone: string, limit: number): Promise<AttemptFailurePage>;
}

interface Row {
  recipient_id: string;
  channel: string;
  provider: string;
  failure_type: string;
  status: unknown;
  code: string | null;
  at: unknown;
}

export class SqlAttemptFailureLog implements AttemptFailureLog {
  readonly #driver: SqlDriver;

  constructor(driver: SqlDriver) {
    this.#driver = driver;
  }

  async record(group: DeliveryGroup, recipientIds: readonly string[], facts: AttemptFailureFacts): Promise<void> {
    if (recipientIds.length === 0) return;
    await this.#driver.query(
      `INSERT INTO delivery_attempt_failures
         (incident_id, milestone, channel, recipient_id, provider, failure_type, status, code, at)
       SELECT $1, $2, $3, r, $5, $6, $7::int, $8, $9::timestamptz FROM unnest($4::text[]) AS r`,
      [
        group.incidentId,
        group.milestone,
        group.channel,
        [...recipientIds],
        facts.provider,
        facts.failureType,
        facts.status ?? null,
        facts.code ?? null,
        facts.at,
      ],
    );
  }

  async list(incidentId: string, milestone: string, limit: number): Promise<AttemptFailurePage> {
    const [count] = await this.#driver.query<{ n: unknown }>(
      'SELECT count(*) AS n FROM delivery_attempt_failures WHERE incident_id = $1 AND milestone = $2',
      [incidentId, milestone],
    );
    const rows = await this.#driver.query<Row>(
      `SELECT recipient_id, channel, provider, failure_type, status, code, at FROM delivery_attempt_failures
       WHERE incident_id = $1 AND milestone = $2 ORDER BY at, seq LIMIT $3`,
      [incidentId, milestone, limit],
    );
    return {
      total: toInt(count?.n ?? 0),
      rows: rows.map((r) => {
        const status = r.status === null || r.status === undefined ? undefined : toInt(r.status);
        const code = orUndefined(r.code);
        return {
          recipientId: r.recipient_id,
          channel: r.channel,
          provider: r.provider,
          failureType: r.failure_type,
          ...(status === undefined ? {} : { status }),
          ...(code === undefined ? {} : { code }),
          at: toIso(r.at),
        };
      }),
    };
  }
}
