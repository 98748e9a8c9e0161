/**
 * The audit log with its head anchored outside the database: every append is covered by a signed
 * anchor before it returns (audit-anchor.ts), and `verify` checks the chain against every anchor.
 * An anchor that cannot be written never fails the append — the notification it records matters
 * more — it is reported, and the next anchor covers the gap.
 */
import type { AuditEntry, AuditEntryInput, AuditLog, AuditVerification, RecordedHead } from '../ports.ts';
import { AuditAnchorWriter, readAnchors } from './audit-anchor.ts';
import type { AnchorKeys, AnchorSigningKey } from './audit-anchor.ts';
import type { SqlAuditLog } from './audit-log.ts';

export interface AnchorOptions {
  /** The anchor directory: outside the database's storage. */
  dir: string;
  /** Signs new anchors. */
  key: AnchorSigningKey;
  /** Verify anchors with these (the signing key's public half, and any rotated-out keys). */
  keys: AnchorKeys;
  /** Told when an anchor could not be written; default: a line on stderr. */
  onError?: (error: unknown) => void;
  now?: () => Date;
}

export class AnchoredAuditLog implements AuditLog {
  readonly #log: SqlAuditLog;
  readonly #writer: AuditAnchorWriter;
  readonly #options: AnchorOptions;

  constructor(log: SqlAuditLog, options: AnchorOptions) {
    this.#log = log;
    this.#options = options;
    this.#writer = new AuditAnchorWriter({
      dir: options.dir,
      key: options.key,
      ...(options.now ? { now: options.now } : {}),
    });
  }

  /** Anchors the current head (at process start: the chain so far is covered before anything new). */
  async anchorHead(): Promise<void> {
    const head = await this.#log.head();
    if (head !== null) await this.#anchor(head);
  }

  async append(input: AuditEntryInput): Promise<AuditEntry> {
    const entry = await this.#log.append(input);
    await this.#anchor(entry);
    return entry;
  }

  list(incidentId?: string): Promise<AuditEntry[]> {
    return this.#log.list(incidentId);
  }

  /** The chain and every anchor: an anchor line that is not genuine is a problem too. */
  async verify(heads: readonly RecordedHead[] = []): Promise<AuditVerification> {
    return verifyAnchored(this.#log, this.#options.dir, this.#options.keys, heads);
  }

  async #anchor(head: { seq: number; hash: string }): Promise<void> {
    try {
      await this.#writer.cover(head);
    } catch (error) {
      (this.#options.onError ?? reportAnchorError)(error);
    }
  }
}

/** A verification against anchors: how many were checked, and the newest. */
export interface AnchoredVerification extends AuditVerification {
  anchors: number;
  latestAnchor?: { seq: number; at: string };
}

/** Verifies `log` against the anchors in `dir`, read with `keys`, and any other `heads` recorded elsewhere. */
export async function verifyAnchored(
  log: SqlAuditLog,
  dir: string,
  keys: AnchorKeys,
  heads: readonly RecordedHead[] = [],
): Promise<AnchoredVerification> {
  const { anchors, problems } = await readAnchors(dir, keys);
  const newest = anchors.reduce<(typeof anchors)[number] | undefined>(
    (a, b) => (a && a.seq >= b.seq ? a : b),
    undefined,
  );
  const counts = { anchors: anchors.length, ...(newest ? { latestAnchor: { seq: newest.seq, at: newest.at } } : {}) };
  const [bad] = problems;
  const result = await log.verify([...anchors, ...heads]);
  if (!result.ok || bad === undefined) return { ...result, ...counts };
  return { ok: false, entries: result.entries, problem: bad, ...counts };
}

function reportAnchorError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `${JSON.stringify({ level: 'ERROR', event: 'herald.audit.anchor-failed', message: `audit anchor not written: ${message}` })}\n`,
  );
}
