/**
 * What happened to a message after the provider accepted it, from the providers' signed delivery
 * callbacks (SendGrid Event Webhook, Twilio status callbacks), per ledger key.
 *
 * Every event is kept in `delivery_events`, once per provider event id; a key's state is derived
 * from its events, so duplicates and arrival order cannot change the outcome.
 */
import type { DeliveryKey } from '../ports.ts';
import type { LedgerChannel } from '../../workflows/domain/contacts.ts';
import { insertNewRows } from './insert-new-rows.ts';
import type { SqlDriver } from './sql-driver.ts';
import { orUndefined, toInt, toIso } from './sql-values.ts';

/**
 * A message's delivery state. `accepted`: the provider has it (ledger `sent`, SendGrid `processed`,
 * Twilio `queued`/`sent`); `deferred`: the receiving server asked to retry later; `delivered`;
 * `bounced`: the receiving server refused it; `undelivered`: the provider dropped it or the carrier
 * could not deliver it. The last three are final.
 */
export const DELIVERY_STATES = ['accepted', 'deferred', 'delivered', 'bounced', 'undelivered'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** Final states in which the person did not get the message: the next channel should try. */
export const FAILED_DELIVERY_STATES = ['bounced', 'undelivered'] as const satisfies readonly DeliveryState[];

/**
 * Which state wins when a key has several: the highest rank, the first received among equals.
 * A failure outranks `delivered` because SendGrid reports asynchronous bounces after `delivered`,
 * and treating the person as unreached is the safe side (the next channel tries).
 */
const RANK: Readonly<Record<DeliveryState, number>> = {
  accepted: 0,
  deferred: 1,
  delivered: 2,
  bounced: 3,
  undelivered: 3,
};

/** Providers whose callbacks Herald records. */
export type CallbackProvider = 'sendgrid' | 'twilio';

/** One verified provider event about one delivery key. */
export interface DeliveryEvent {
  key: DeliveryKey;
  provider: CallbackProvider;
  /** Unique per provider (SendGrid `sg_event_id`; Twilio `<MessageSid>:<MessageStatus>`): a redelivery is a duplicate. */
  eventId: string;
  state: DeliveryState;
  /** The provider's own word for it: `processed`, `bounce`, `dropped`, `undelivered`, … */
  providerStatus: string;
  /** ISO instant the provider says it happened (Twilio sends none: when it arrived). */
  occurredAt: string;
  providerMessageId?: string;
  /** Why, when the provider says: bounce reason, SMTP response, Twilio ErrorCode. */
  detail?: string;
}

/** What {@link DeliveryStatus.record} did with a batch. */
export interface RecordOutcome {
  /** New events stored. */
  recorded: number;
  /** Events stored before (same provider and event id): nothing changed. */
  duplicates: number;
  /** Events for keys the ledger has never seen: ignored. */
  unknownKeys: number;
}

/** A key's current delivery state and the event that set it. */
export interface DeliveryStatusEntry {
  key: DeliveryKey;
  state: DeliveryState;
  provider: CallbackProvider;
  providerStatus: string;
  eventId: string;
  occurredAt: string;
  receivedAt: string;
  providerMessageId?: string;
  detail?: string;
}

/**
 * Summary states: the {@link DeliveryState}s, plus the ledger's `reserved` (no provider answer yet)
 * and `failed` (refused at send) for keys without callbacks. Ledger `sent` counts as `accepted`.
 */
export type DeliverySummaryState = DeliveryState | 'reserved' | 'failed';
export type DeliveryStatusSummary = Record<LedgerChannel, Record<DeliverySummaryState, number>>;

/** The delivery-status port: what the callback endpoints write and the procedures read. */
export interface DeliveryStatus {
  /** Records verified events (any order, duplicates allowed); events for unknown keys are ignored. */
  record(events: readonly DeliveryEvent[]): Promise<RecordOutcome>;
  /** The key's state from callbacks; null when no callback arrived for it. */
  get(key: DeliveryKey): Promise<DeliveryStatusEntry | null>;
  /** Keys of one milestone whose final state is bounced or undelivered, by recipient and channel. */
  failedDeliveries(incidentId: string, milestone: string): Promise<DeliveryStatusEntry[]>;
  /** Every ledger key of the incident counted per channel and delivery state. */
  summarize(incidentId: string): Promise<DeliveryStatusSummary>;
}

/** Options for {@link SqlDeliveryStatus}. */
export interface SqlDeliveryStatusOptions {
  /** Clock for received times; defaults to the system clock. */
  now?: () => Date;
}

const KEY_COLUMNS = ['incident_id', 'milestone', 'recipient_id', 'channel'] as const;
const EVENT_COLUMNS = [
  'provider',
  'event_id',
  ...KEY_COLUMNS,
  'state',
  'provider_status',
  'provider_message_id',
  'detail',
  'occurred_at',
  'received_at',
] as const;

/** At most this many keys per existence check (4 parameters each). */
const KEYS_PER_QUERY = 2_000;

const RANK_SQL = `CASE state ${Object.entries(RANK)
  .map(([state, rank]) => `WHEN '${state}' THEN ${rank}`)
  .join(' ')} END`;

/** Each key's winning event, among the events `where` selects. */
const currentStates = (where: string): string =>
  `SELECT DISTINCT ON (${KEY_COLUMNS.join(', ')}) ${EVENT_COLUMNS.join(', ')}
   FROM delivery_events WHERE ${where}
   ORDER BY ${KEY_COLUMNS.join(', ')}, ${RANK_SQL} DESC, seq`;

type EventRow = Record<(typeof EVENT_COLUMNS)[number], unknown>;

/** {@link DeliveryStatus} over {@link SqlDriver}; events refer to ledger rows (table `deliveries`). */
export class SqlDeliveryStatus implements DeliveryStatus {
  readonly #driver: SqlDriver;
  readonly #now: () => Date;

  constructor(driver: SqlDriver, options: SqlDeliveryStatusOptions = {}) {
    this.#driver = driver;
    this.#now = options.now ?? (() => new Date());
  }

  async record(events: readonly DeliveryEvent[]): Promise<RecordOutcome> {
    if (events.length === 0) return { recorded: 0, duplicates: 0, unknownKeys: 0 };
    const receivedAt = this.#now().toISOString();
    return this.#driver.transaction(async (tx) => {
      const known = await knownKeys(tx, events);
      const rows = events
        .filter((e) => known.has(keyId(e.key)))
        .map((e) => [
          e.provider,
          e.eventId,
          ...keyParams(e.key),
          e.state,
          e.providerStatus,
          e.providerMessageId ?? null,
          e.detail ?? null,
          e.occurredAt,
          receivedAt,
        ]);
      // Duplicates inside one batch and across batches both conflict on (provider, event_id).
      const recorded = rows.length === 0 ? 0 : await insertNewRows(tx, 'delivery_events', EVENT_COLUMNS, rows);
      return { recorded, duplicates: rows.length - recorded, unknownKeys: events.length - rows.length };
    });
  }

  async get(key: DeliveryKey): Promise<DeliveryStatusEntry | null> {
    const [row] = await this.#driver.query<EventRow>(
      currentStates('incident_id = $1 AND milestone = $2 AND recipient_id = $3 AND channel = $4'),
      keyParams(key),
    );
    return row === undefined ? null : toEntry(row);
  }

  async failedDeliveries(incidentId: string, milestone: string): Promise<DeliveryStatusEntry[]> {
    const rows = await this.#driver.query<EventRow>(
      `SELECT * FROM (${currentStates('incident_id = $1 AND milestone = $2')}) AS current
       WHERE state IN (${FAILED_DELIVERY_STATES.map((s) => `'${s}'`).join(', ')})
       ORDER BY recipient_id, channel`,
      [incidentId, milestone],
    );
    return rows.map(toEntry);
  }

  async summarize(incidentId: string): Promise<DeliveryStatusSummary> {
    const rows = await this.#driver.query<{ channel: LedgerChannel; state: DeliverySummaryState; n: unknown }>(
      `SELECT d.channel,
              coalesce(s.state, CASE d.state WHEN 'sent' THEN 'accepted' ELSE d.state END) AS state,
              count(*) AS n
       FROM deliveries d
       LEFT JOIN (${currentStates('incident_id = $1')}) AS s USING (${KEY_COLUMNS.join(', ')})
       WHERE d.incident_id = $1
       GROUP BY 1, 2`,
      [incidentId],
    );
    const zero = (): Record<DeliverySummaryState, number> => ({
      reserved: 0,
      failed: 0,
      ...(Object.fromEntries(DELIVERY_STATES.map((s) => [s, 0])) as Record<DeliveryState, number>),
    });
    const summary: DeliveryStatusSummary = { email: zero(), sms: zero(), chat: zero() };
    for (const row of rows) {
      const counts = summary[row.channel];
      if (counts !== undefined && row.state in counts) counts[row.state] = toInt(row.n);
    }
    return summary;
  }
}

function keyParams(key: DeliveryKey): string[] {
  return [key.incidentId, key.milestone, key.recipientId, key.channel];
}

/** One string per key, for set membership (the parts never contain NUL). */
function keyId(key: DeliveryKey): string {
  return keyParams(key).join('\u0000');
}

/** The events' keys that exist in the ledger. */
async function knownKeys(tx: SqlDriver, events: readonly DeliveryEvent[]): Promise<Set<string>> {
  const keys = [...new Map(events.map((e) => [keyId(e.key), e.key])).values()];
  const known = new Set<string>();
  for (let start = 0; start < keys.length; start += KEYS_PER_QUERY) {
    const params: string[] = [];
    const tuples = keys.slice(start, start + KEYS_PER_QUERY).map(
      (key) =>
        `(${keyParams(key)
          .map((v) => `$${params.push(v)}`)
          .join(', ')})`,
    );
    const rows = await tx.query<{ incident_id: string; milestone: string; recipient_id: string; channel: string }>(
      `SELECT ${KEY_COLUMNS.join(', ')} FROM deliveries
       WHERE (${KEY_COLUMNS.join(', ')}) IN (VALUES ${tuples.join(', ')})`,
      params,
    );
    for (const row of rows) known.add(keyId(toKey(row)));
  }
  return known;
}

function toKey(row: {
  incident_id: unknown;
  milestone: unknown;
  recipient_id: unknown;
  channel: unknown;
}): DeliveryKey {
  return {
    incidentId: String(row.incident_id),
    milestone: String(row.milestone),
    recipientId: String(row.recipient_id),
    channel: row.channel as LedgerChannel,
  };
}

function toEntry(row: EventRow): DeliveryStatusEntry {
  const entry: DeliveryStatusEntry = {
    key: toKey(row),
    state: row.state as DeliveryState,
    provider: row.provider as CallbackProvider,
    providerStatus: String(row.provider_status),
    eventId: String(row.event_id),
    occurredAt: toIso(row.occurred_at),
    receivedAt: toIso(row.received_at),
  };
  const providerMessageId = orUndefined(row.provider_message_id as string | null);
  const detail = orUndefined(row.detail as string | null);
  if (providerMessageId !== undefined) entry.providerMessageId = providerMessageId;
  if (detail !== undefined) entry.detail = detail;
  return entry;
}
